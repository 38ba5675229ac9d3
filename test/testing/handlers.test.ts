import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, DEV_BASE_URL, createFakeTokenService, createRoomMemberTokens } from '../../src/testing';
import { mswHandlers } from '../../src/testing/msw';
import { rejection, TEST_KEY } from '../helpers/fakeServer';

// No real network: every request below is answered by msw, and any other would fail the test.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BACKEND = 'https://api.example.test';
const room = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat' as const] };

describe('mswHandlers: the fake as msw handlers', () => {
  it('answers the Create call at DEV_BASE_URL by default, with tokens it records as issued', async () => {
    const fake = createFakeTokenService({ apiKey: TEST_KEY });
    server.use(...mswHandlers(fake));

    const tokens = await createRoomMemberTokens([room, { ...room, userId: 'u2' }], { apiKey: TEST_KEY });

    expect(tokens).toEqual(fake.issued.map((entry) => entry.token));
    expect(fake.issued.map((entry) => entry.request.userId)).toEqual(['u1', 'u2']);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: CREATE_PATH });
  });

  it('answers under the given base URL, trailing slash or not', async () => {
    const fake = createFakeTokenService();
    server.use(...mswHandlers(fake, `${BACKEND}/`));

    const [token] = await createRoomMemberTokens([room], { url: `${BACKEND}${CREATE_PATH}`, headers: { authorization: 'Bearer session' } });

    expect(token).toBe(fake.issued[0]!.token);
  });

  it('leaves other hosts alone: a call to DEV_BASE_URL stays unhandled when the base is elsewhere', async () => {
    const fake = createFakeTokenService();
    server.use(...mswHandlers(fake, BACKEND));
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});

    const error = await rejection(createRoomMemberTokens([room], { apiKey: TEST_KEY }));

    expect(error.retryable).toBe(true);
    expect(fake.calls).toHaveLength(0);
    expect(printed.mock.calls.join('\n')).toContain(`${DEV_BASE_URL}${CREATE_PATH}`);
  });

  it("gives a wrong path the fake's own 404 unimplemented", async () => {
    server.use(...mswHandlers(createFakeTokenService(), BACKEND));

    const error = await rejection(createRoomMemberTokens([room], { url: `${BACKEND}/v1/tokens`, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unimplemented', status: 404 });
  });

  it("gives a method other than POST the fake's own 405 with Allow", async () => {
    server.use(...mswHandlers(createFakeTokenService(), BACKEND));

    const response = await fetch(`${BACKEND}${CREATE_PATH}`, { method: 'PUT', body: '{}' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await response.json()).toMatchObject({ code: 'unimplemented' });
  });

  it('answers a CORS preflight, so a browser page may call it', async () => {
    const fake = createFakeTokenService();
    server.use(...mswHandlers(fake, BACKEND));

    const response = await fetch(`${BACKEND}${CREATE_PATH}`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(fake.calls).toHaveLength(0);
  });

  it('checks the key like the fake does: a wrong one is unauthenticated', async () => {
    server.use(...mswHandlers(createFakeTokenService({ apiKey: TEST_KEY })));

    const error = await rejection(createRoomMemberTokens([room], { apiKey: 'sk-test-wrong' }));

    expect(error).toMatchObject({ code: 'unauthenticated', status: 401, retryable: false });
  });

  it('plays a Connect error fault as the upstream would send it', async () => {
    server.use(...mswHandlers(createFakeTokenService({ fault: { code: 'permission_denied', message: 'not on the guest list' } }), BACKEND));

    const error = await rejection(createRoomMemberTokens([room], { url: `${BACKEND}${CREATE_PATH}`, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'permission_denied', status: 403, retryable: false });
  });

  it("turns a 'drop' fault into a network error, which the client may retry", async () => {
    const fake = createFakeTokenService({ fault: 'drop' });
    server.use(...mswHandlers(fake, BACKEND));

    const error = await rejection(createRoomMemberTokens([room], { url: `${BACKEND}${CREATE_PATH}`, apiKey: TEST_KEY }));

    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.status).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });
});
