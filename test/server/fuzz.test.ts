// Property-based: whatever a caller sends, a healthy upstream and a permissive policy never
// yield a 5xx; every error is a Connect JSON error with a known code and its matching
// status; and every call that reached the upstream was one it accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/core/permissions';
import { isRoomTokenErrorCode } from '../../src/core/RoomTokenError';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService, type FakeTokenService } from '../../src/testing';
import { API_KEY, allowAll, guardTheKey, readAnswer, serve, startFake, type Answer } from './support';

guardTheKey();

const MAX_BODY_BYTES = 4096;
const names = PERMISSIONS.map((p) => p.name);

const permissionLike = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...names) },
  fc.constantFrom(...names).map((name) => name.toLowerCase()),
  fc.constantFrom(...names).map((name) => name[0]!.toUpperCase() + name.slice(1)),
  fc.string(),
  fc.jsonValue(),
);
const idLike = fc.oneof({ weight: 4, arbitrary: fc.uuid() }, fc.string(), fc.constantFrom('', ' ', '\t\n'), fc.jsonValue());
const metadataLike = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }) },
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  fc.record({ mcuStream: fc.constantFrom('true', true, 1, null) }),
  fc.jsonValue(),
);
const argumentLike = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        user_id: idLike,
        room_id: idLike,
        metadata: metadataLike,
        permissions: fc.oneof({ weight: 4, arbitrary: fc.array(permissionLike, { maxLength: 5 }) }, fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
  },
  fc.tuple(fc.record({ user_id: fc.uuid(), room_id: fc.uuid() }), fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 2 })).map(
    ([arg, extra]) => ({ ...extra, ...arg }),
  ),
  fc.jsonValue(),
);
// What the upstream takes: non-blank ids of visible characters, string metadata under plain
// ASCII keys (none a lookalike of mcuStream), exactly spelled permissions.
const metadataKey = fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/).filter((key) => key.replace(/[_.-]/g, '').toLowerCase() !== 'mcustream');
const validArgument = fc.record(
  {
    user_id: fc.oneof(fc.uuid(), fc.string({ minLength: 1 }).filter((id) => id.trim() !== '')),
    room_id: fc.oneof(fc.uuid(), fc.string({ minLength: 1 }).filter((id) => id.trim() !== '')),
    metadata: fc.dictionary(metadataKey, fc.string(), { maxKeys: 3 }),
    permissions: fc.array(fc.constantFrom(...names), { maxLength: 4 }),
  },
  { requiredKeys: ['user_id', 'room_id'] },
);
const createLike = fc.oneof(
  { weight: 6, arbitrary: fc.record({ arguments: fc.array(validArgument, { minLength: 1, maxLength: 18 }) }) },
  { weight: 6, arbitrary: fc.record({ arguments: fc.array(argumentLike, { maxLength: 20 }) }) },
  fc.record({ arguments: fc.jsonValue() }, { requiredKeys: [] }),
  fc.tuple(fc.array(argumentLike, { minLength: 1, maxLength: 2 }), fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 2 })).map(
    ([args, extra]) => ({ ...extra, arguments: args }),
  ),
);
const encoder = new TextEncoder();
const bodyLike: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  { weight: 8, arbitrary: createLike.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  createLike.chain((value) => {
    const text = JSON.stringify(value);
    return fc.nat(text.length).map((end) => text.slice(0, end));
  }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.nat(3 * MAX_BODY_BYTES).map((size) => ' '.repeat(size) + '{}'),
);
const requestLike = fc.record({
  method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH')),
  contentType: fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', undefined),
  ),
  body: bodyLike,
});

// The status each code comes with, for the answers a caller's input can cause.
const STATUS_FOR_INPUT_ERROR: Record<number, string> = {
  400: 'invalid_argument',
  405: 'unimplemented',
  413: 'resource_exhausted',
  415: 'invalid_argument',
};

interface Sent {
  method: string;
  contentType: string | undefined;
  body: Uint8Array | string;
}

function toInit({ method, contentType, body }: Sent): RequestInit {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  return { method, headers, body: method === 'GET' ? undefined : typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body) };
}

/** Checks one answer against the properties, given the fake's counters before the call. */
function checkAnswer(answer: Answer, fake: FakeTokenService, before: { calls: number; issued: number }): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  const newCalls = fake.calls.length - before.calls;
  const newTokens = fake.issued.slice(before.issued).map((issued) => issued.token);
  if (answer.status === 200) {
    // The upstream was called once and minted exactly the tokens the caller got.
    expect(newCalls).toBe(1);
    expect(answer.body).toEqual({ tokens: newTokens });
    expect(newTokens.length).toBeGreaterThan(0);
    return;
  }
  expect(newCalls).toBe(0);
  const body = answer.body as Record<string, unknown>;
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  expect(isRoomTokenErrorCode(body.code)).toBe(true);
  expect(STATUS_FOR_INPUT_ERROR[answer.status]).toBe(body.code);
  expect(typeof body.message === 'string' && body.message !== '').toBe(true);
}

describe('given arbitrary requests, a permissive policy and a healthy upstream', () => {
  it('answers no 5xx, only Connect errors, and sends the upstream only what it accepts (1,000 runs in process)', async () => {
    // Every call and token kept: the properties compare counts across all the runs.
    const fake = createFakeTokenService({ apiKey: API_KEY, maxRecorded: Infinity });
    const handler = createRoomTokenHandler({
      apiKey: API_KEY,
      authorize: allowAll,
      maxBodyBytes: MAX_BODY_BYTES,
      // The fake's own handler, called in process: Node's and the DOM's Request types differ.
      fetch: (input, init) => fake.handle(new Request(input as RequestInfo, init)),
    });
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(requestLike, async (sent) => {
        const before = { calls: fake.calls.length, issued: fake.issued.length };
        const answer = await readAnswer(await handler(new Request('http://app.test/api/room-token', toInit(sent))));
        checkAnswer(answer, fake, before);
        if (answer.status === 200) successes += 1;
      }),
      { numRuns: 1000 },
    );
    // The generators reach the upstream often enough for the last property to mean something.
    expect(successes).toBeGreaterThan(50);
    expect(fake.calls.length).toBe(successes);
  });

  it('holds over loopback HTTP too (150 runs)', async () => {
    const { fake, url: upstream } = await startFake({ maxRecorded: Infinity });
    const url = await serve(
      createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream, maxBodyBytes: MAX_BODY_BYTES }),
    );
    await fc.assert(
      fc.asyncProperty(requestLike, async (sent) => {
        const before = { calls: fake.calls.length, issued: fake.issued.length };
        checkAnswer(await readAnswer(await fetch(url, toInit(sent))), fake, before);
      }),
      { numRuns: 150 },
    );
    for (const call of fake.calls) expect(call.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});
