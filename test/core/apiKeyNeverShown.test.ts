import { describe, expect, it } from 'vitest';
import { createRoomMemberTokens, createFakeTokenService, type FakeFault, type TokenRequest } from '../../src/testing';
import { TEST_KEY, everythingShownBy, rejection, startFake } from '../helpers/fakeServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1' };

describe('no error shows the API key', () => {
  it.each<[string, FakeFault]>([
    ['a Connect error whose message echoes the key', { code: 'unauthenticated', message: `bad key ${TEST_KEY}` }],
    ['a Connect error that echoes the key twice', { code: 'permission_denied', message: `${TEST_KEY} may not use ${TEST_KEY}` }],
    ['a plain-text error that echoes the key', { status: 500, body: `Authorization: Bearer ${TEST_KEY}` }],
    ['a 200 that echoes the key instead of tokens', { status: 200, body: JSON.stringify({ key: TEST_KEY }), contentType: 'application/json' }],
    ['an HTML 502 page', 'html-502'],
    ['a dropped connection', 'drop'],
  ])('%s', async (_name, fault) => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    // The key did travel, so the check below looks at a real exchange.
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
  });

  it('keeps the rest of an echoing message readable', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: { code: 'unauthenticated', message: `bad key ${TEST_KEY}` } });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe('unauthenticated');
    expect(error.message).toMatch(/^bad key /);
  });

  it('when the key is rejected', async () => {
    const { url } = await startFake({ apiKey: 'the-only-good-key' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY }));

    expect(error.code).toBe('unauthenticated');
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
  });

  it('when the call times out', async () => {
    const { url } = await startFake({ apiKey: TEST_KEY, fault: 'hang' });

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: TEST_KEY, timeoutMs: 30 }));

    expect(error.code).toBe('deadline_exceeded');
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
  });

  it('when the connection is refused', async () => {
    const server = await createFakeTokenService().listen();
    await server.close();

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: server.url, apiKey: TEST_KEY }));

    expect(error.code).toBe('unavailable');
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
  });

  it('when the input is invalid', async () => {
    const { fake, url } = await startFake();

    const error = await rejection(
      createRoomMemberTokens([{ roomId: 'r1', userId: '' }], { baseUrl: url, apiKey: TEST_KEY }),
    );

    expect(error.code).toBe('invalid_argument');
    expect(everythingShownBy(error)).not.toContain(TEST_KEY);
    expect(fake.calls).toHaveLength(0);
  });

  it('the check itself finds a key that an error does show', () => {
    expect(everythingShownBy(new Error('wrapped', { cause: { header: `Bearer ${TEST_KEY}` } }))).toContain(TEST_KEY);
  });
});
