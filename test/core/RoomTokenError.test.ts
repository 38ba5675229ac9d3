import { describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, RoomTokenError, createRoomMemberTokens, type RoomTokenErrorCode } from '../../src/core';
import { isRoomTokenErrorCode } from '../../src/core/RoomTokenError';
import { TEST_KEY, rejection, startFake } from '../helpers/fakeServer';

// Connect's sixteen codes, each with whether sending the same request again can help.
const CODES: [RoomTokenErrorCode, boolean][] = [
  ['canceled', false],
  ['unknown', false],
  ['invalid_argument', false],
  ['deadline_exceeded', true],
  ['not_found', false],
  ['already_exists', false],
  ['permission_denied', false],
  ['resource_exhausted', true],
  ['failed_precondition', false],
  ['aborted', false],
  ['out_of_range', false],
  ['unimplemented', false],
  ['internal', false],
  ['unavailable', true],
  ['data_loss', false],
  ['unauthenticated', false],
];

describe('RoomTokenError', () => {
  it.each(CODES)('%s has retryable %s', (code, retryable) => {
    const error = new RoomTokenError(code, 'message');

    expect(error.retryable).toBe(retryable);
    expect(error.code).toBe(code);
  });

  it('keeps the wait a server asked for', () => {
    expect(new RoomTokenError('unavailable', 'later', { status: 503, retryAfterMs: 30_000 }).retryAfterMs).toBe(30_000);
    expect(new RoomTokenError('unavailable', 'later', { status: 503 }).retryAfterMs).toBeUndefined();
  });

  it('is an Error named RoomTokenError, with the status when one is given', () => {
    const error = new RoomTokenError('unavailable', 'try later', { status: 503 });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RoomTokenError');
    expect(String(error)).toBe('RoomTokenError: try later');
    expect(error.status).toBe(503);
    expect(new RoomTokenError('internal', 'x').status).toBeUndefined();
  });

  it('knows exactly the sixteen Connect codes', () => {
    for (const [code] of CODES) expect(isRoomTokenErrorCode(code)).toBe(true);
    expect(isRoomTokenErrorCode('Unavailable')).toBe(false);
    expect(isRoomTokenErrorCode('ok')).toBe(false);
    expect(isRoomTokenErrorCode(14)).toBe(false);
  });
});

describe('every Connect code arrives intact over HTTP', () => {
  it.each(CODES)('a %s error from the service rejects with that code and retryable %s', async (code, retryable) => {
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: { code, message: `said ${code}` } });

    const error = await rejection(createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }], { baseUrl: url, apiKey: TEST_KEY }));

    // A refusal of the key (401, 403) keeps only its status and code: its text may echo the key.
    const said = error.status === 401 || error.status === 403 ? `the token service refused the API key (HTTP ${error.status}, ${code})` : `said ${code}`;
    expect(error).toMatchObject({ code, message: `${said} (POST ${url}${CREATE_PATH})`, retryable });
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('a 413', () => {
  it('is not retryable even as resource_exhausted: the same body stays too large', () => {
    expect(new RoomTokenError('resource_exhausted', 'too large', { status: 413 }).retryable).toBe(false);
    expect(new RoomTokenError('resource_exhausted', 'slow down', { status: 429 }).retryable).toBe(true);
  });
});

// Issue 19, item 7: a second copy of the module (an app that loads the ESM and the CommonJS
// build side by side) makes errors that are instanceof this copy's class, and the other way.
// scripts/exercise-dual-copies.mjs checks the same on the built files, contexts included.
describe('instanceof across copies of the package', () => {
  it('holds both ways, and a subclass keeps the ordinary check', async () => {
    vi.resetModules();
    const other = await import('../../src/core/RoomTokenError');
    expect(other.RoomTokenError).not.toBe(RoomTokenError);

    expect(new other.RoomTokenError('internal', 'x') instanceof RoomTokenError).toBe(true);
    expect(new RoomTokenError('internal', 'x') instanceof other.RoomTokenError).toBe(true);
    expect(new Error('x') instanceof RoomTokenError).toBe(false);
    expect({ code: 'internal', name: 'RoomTokenError' } instanceof RoomTokenError).toBe(false);
    class Special extends RoomTokenError {}
    expect(new RoomTokenError('internal', 'x') instanceof Special).toBe(false);
    expect(new Special('internal', 'x') instanceof other.RoomTokenError).toBe(true);
  });
});
