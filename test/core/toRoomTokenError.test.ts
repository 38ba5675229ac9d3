// The one place an unknown thrown value becomes the package's error (the core client uses it;
// the React binding can, for what `fetchToken` or `headers()` throw).
import { describe, expect, it } from 'vitest';
import { RoomTokenError } from '../../src/core';
import { toRoomTokenError } from '../../src/core/toRoomTokenError';

describe('toRoomTokenError', () => {
  it('passes a RoomTokenError on as it is', () => {
    const error = new RoomTokenError('permission_denied', 'no', { status: 403 });

    expect(toRoomTokenError(error, { signal: AbortSignal.abort() })).toBe(error);
  });

  it('is canceled when the signal was aborted, with the thrown value as cause', () => {
    const thrown = new Error('aborted underneath');

    const error = toRoomTokenError(thrown, { signal: AbortSignal.abort() });

    expect(error).toMatchObject({ code: 'canceled', message: 'the token request was canceled', cause: thrown, retryable: false });
  });

  it('is unknown by default, saying what failed and why', () => {
    const thrown = new TypeError('session store down');

    const error = toRoomTokenError(thrown, { what: 'fetchToken', signal: new AbortController().signal });

    expect(error).toMatchObject({ code: 'unknown', message: 'fetchToken failed: session store down', cause: thrown });
  });

  it('takes the code, message and status the caller knows better', () => {
    const error = toRoomTokenError(new TypeError('fetch failed'), { code: 'unavailable', message: 'could not reach it', status: 502 });

    expect(error).toMatchObject({ code: 'unavailable', message: 'could not reach it', status: 502, retryable: true });
  });

  it('describes a thrown value that is not an Error, even one that cannot be turned into a string', () => {
    expect(toRoomTokenError('plain text').message).toBe('the call failed: plain text');
    expect(toRoomTokenError(Object.create(null)).message).toBe('the call failed: a thrown object');
  });
});
