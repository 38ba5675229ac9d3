// Issue 12, item 6: the fake checks its 1 MiB body limit while reading (it used to read a whole
// 300 MB body first, and keep it), and keeps only the last `maxRecorded` calls and tokens, so
// the long-running `npm start` fake does not grow without bound.
import { describe, expect, it } from 'vitest';
import { CREATE_PATH, createFakeTokenService, createRoomMemberTokens } from '../../src/testing';
import { TEST_KEY, startFake } from '../helpers/fakeServer';
import { MiB, memoryWatch } from '../helpers/memory';

const CHUNK = 64 * 1024;

/** A body of `total` bytes made on demand; it counts the bytes pulled from it. */
function countedBody(total: number) {
  const seen = { pulled: 0 };
  const chunk = new Uint8Array(CHUNK).fill(32);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      seen.pulled += CHUNK;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

const post = (body: ReadableStream<Uint8Array>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEY}` },
  body,
  duplex: 'half',
});

describe('the body limit, while reading', () => {
  it('a 300 MB body over loopback is answered 413 after about 1 MiB, and not kept', async () => {
    const memory = memoryWatch();
    const { fake, url } = await startFake();
    const { stream, seen } = countedBody(300 * 1000 * 1000);

    const response = await fetch(`${url}${CREATE_PATH}`, post(stream) as RequestInit);

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'resource_exhausted' });
    // What left this process: the limit, plus what the sockets buffered before the answer.
    expect(seen.pulled).toBeLessThan(32 * MiB);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.body).toBeUndefined();
    expect(memory.retained()).toBeLessThan(16 * MiB);
  });

  it('in process, it stops pulling just past 1 MiB', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    const { stream, seen } = countedBody(300 * 1000 * 1000);

    const response = await fake.handle(new Request(`http://fake.test${CREATE_PATH}`, post(stream) as RequestInit));

    expect(response.status).toBe(413);
    // 17 chunks of 64 KiB pass 1 MiB; the stream may have queued one more ahead of the reader.
    expect(seen.pulled).toBeLessThanOrEqual(18 * CHUNK);
  });

  it('a body of exactly 1 MiB is read and judged as usual', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    const json = JSON.stringify({ arguments: [{ user_id: 'u1', room_id: 'r1' }] });

    const response = await fake.handle(
      new Request(`http://fake.test${CREATE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEY}` },
        body: json + ' '.repeat(MiB - json.length),
      }),
    );

    expect(response.status).toBe(200);
  });
});

describe('what the fake records', () => {
  it('keeps the last 1000 calls and tokens by default', async () => {
    const { fake, url } = await startFake();
    const request = { roomId: 'r1', userId: 'u1' };

    // 1,050 tokens in 21 calls of 50, then 1,000 calls with a bad key.
    for (let i = 0; i < 21; i++) await createRoomMemberTokens(Array(50).fill(request), { baseUrl: url, apiKey: TEST_KEY });
    const last = await createRoomMemberTokens([{ roomId: 'last', userId: 'u1' }], { baseUrl: url, apiKey: TEST_KEY });
    const calls = fake.calls;
    for (let i = 0; i < 1000; i++) {
      await fake.handle(new Request(`http://fake.test${CREATE_PATH}`, { method: 'POST', headers: { authorization: `Bearer no-${i}` }, body: '{}' }));
    }

    expect(fake.issued).toHaveLength(1000);
    expect(fake.issued.at(-1)).toEqual({ token: last[0], request: { roomId: 'last', userId: 'u1', metadata: {}, permissions: [] } });
    expect(fake.calls).toHaveLength(1000);
    // The same array, trimmed in place: a test holding it sees the latest.
    expect(calls).toBe(fake.calls);
    expect(fake.calls[0]!.headers.authorization).toBe('Bearer no-0');
    expect(fake.calls.at(-1)!.headers.authorization).toBe('Bearer no-999');
  });

  it('keeps as many as maxRecorded says, and counts every call in the fault index', async () => {
    const indexes: number[] = [];
    const fake = createFakeTokenService({ maxRecorded: 2, fault: (_call, index) => (indexes.push(index), undefined) });
    const create = () =>
      fake.handle(
        new Request(`http://fake.test${CREATE_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
          body: JSON.stringify({ arguments: [{ user_id: 'u', room_id: 'r' }] }),
        }),
      );

    for (let i = 0; i < 5; i++) await create();

    expect(fake.calls).toHaveLength(2);
    expect(fake.issued).toHaveLength(2);
    expect(indexes).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('fault headers', () => {
  it('a fault can carry headers such as Retry-After, which a page in dev mode can read', async () => {
    const fake = createFakeTokenService({ fault: { code: 'unavailable', headers: { 'retry-after': '30' } } });

    const response = await fake.handle(
      new Request(`http://fake.test${CREATE_PATH}`, { method: 'POST', headers: { origin: 'http://localhost:6006' }, body: '{}' }),
    );

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('access-control-expose-headers')).toBe('retry-after, date');
  });
});

describe('options that cannot be meant', () => {
  it.each([
    [{ latencyMs: Number.NaN }, 'latencyMs'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ maxRecorded: -1 }, 'maxRecorded'],
    [{ maxRecorded: 1.5 }, 'maxRecorded'],
    [{ apiKey: '' }, 'apiKey'],
  ])('given %o, throws a TypeError naming %s', (options, name) => {
    expect(() => createFakeTokenService(options)).toThrow(new RegExp(`createFakeTokenService: \`${name}\``));
  });

  it('takes 0 and Infinity for maxRecorded, and a latency function', () => {
    expect(() => createFakeTokenService({ maxRecorded: 0, latencyMs: () => 5 })).not.toThrow();
    expect(() => createFakeTokenService({ maxRecorded: Infinity, latencyMs: 0 })).not.toThrow();
  });
});
