// Issue 20, item 1: on React Native's AbortController polyfill (no AbortSignal.abort(),
// .timeout() or .any()), a hung call ends in deadline_exceeded at timeoutMs and an abandoned
// one in canceled, exactly as on the web. Over loopback, against the package's fake.
import { AbortController as PolyfillAbortController } from 'abort-controller';
import { describe, expect, it, vi } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, createRoomTokenClient, type TokenRequest } from '../../src/core';
import type { TokenClientBinding } from '../../src/core/createRoomTokenClient';
import { resolveTokenSource } from '../../src/core/resolveTokenSource';
import { validateTokenRequest } from '../../src/core/TokenRequest';
import { rejection, serveForTest, startFake, TEST_KEY } from '../helpers/fakeServer';
import { useReactNativeAbortController } from '../helpers/reactNativeRuntime';

const request: TokenRequest = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' } };
const auth = { authorization: `Bearer ${TEST_KEY}` };

/** An upstream that never answers and counts the calls whose client went away. */
async function hungUpstream() {
  const seen = { calls: 0, abandoned: 0 };
  const url = await serveForTest(
    (incoming) =>
      new Promise<Response>((_, fail) => {
        seen.calls++;
        incoming.signal.addEventListener('abort', () => (seen.abandoned++, fail(new Error('the client went away'))));
      }),
  );
  return { url: `${url}${CREATE_PATH}`, seen };
}

describe('on React Native\'s AbortController polyfill (no AbortSignal statics)', () => {
  it('the polyfill is in place: AbortSignal has no abort(), timeout() or any()', () => {
    useReactNativeAbortController();
    expect(new AbortController()).toBeInstanceOf(PolyfillAbortController);
    expect([AbortSignal.abort, AbortSignal.timeout, AbortSignal.any]).toEqual([undefined, undefined, undefined]);
  });

  it('a hung upstream with timeoutMs: 300 ends in deadline_exceeded', async () => {
    useReactNativeAbortController();
    const { fake, url } = await startFake({ apiKey: TEST_KEY, fault: 'hang' });
    const client = createRoomTokenClient({ endpoint: `${url}${CREATE_PATH}`, headers: auth, timeoutMs: 300, retry: false });

    const error = await rejection(client.get(request));

    expect(error).toMatchObject({ code: 'deadline_exceeded', retryable: true });
    expect(error.message).toContain('300 ms');
    // On a loaded machine the time may run out before the fake has read the call: at most one.
    expect(fake.calls.length).toBeLessThanOrEqual(1);
  });

  it('createRoomMemberTokens with timeoutMs ends in deadline_exceeded, and the upstream sees the call end', async () => {
    useReactNativeAbortController();
    const { url, seen } = await hungUpstream();

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 300 }));

    expect(error.code).toBe('deadline_exceeded');
    await vi.waitFor(() => expect(seen.abandoned).toBe(1), { timeout: 10_000 });
  });

  it('aborting the caller\'s polyfill signal during the call ends it in canceled', async () => {
    useReactNativeAbortController();
    const { url, seen } = await hungUpstream();
    const controller = new AbortController();

    const call = rejection(createRoomMemberTokens([request], { url, signal: controller.signal }));
    await vi.waitFor(() => expect(seen.calls).toBe(1), { timeout: 10_000 });
    controller.abort();

    expect((await call).code).toBe('canceled');
    await vi.waitFor(() => expect(seen.abandoned).toBe(1), { timeout: 10_000 });
  });

  it('a signal aborted before the call ends it in canceled and sends nothing', async () => {
    useReactNativeAbortController();
    const { url, seen } = await hungUpstream();
    const controller = new AbortController();
    controller.abort();

    expect((await rejection(createRoomMemberTokens([request], { url, signal: controller.signal }))).code).toBe('canceled');
    expect(seen.calls).toBe(0);
  });

  it('when the last consumer leaves (an unmount) during a hung call, the call is aborted without an error thrown anywhere', async () => {
    useReactNativeAbortController();
    const errors = vi.spyOn(console, 'error');
    const { url, seen } = await hungUpstream();
    const client = createRoomTokenClient({ endpoint: url, timeoutMs: 60_000, retry: false }) as TokenClientBinding;
    const entry = client.entryFor(validateTokenRequest(request), resolveTokenSource([client.options, undefined, undefined], false));
    const changes: unknown[] = [];
    const release = client.acquire(entry, () => changes.push(entry.state));
    await vi.waitFor(() => expect(seen.calls).toBe(1), { timeout: 10_000 });

    release();

    await vi.waitFor(() => expect(seen.abandoned).toBe(1), { timeout: 10_000 });
    // The polyfill reports a throwing abort listener with console.error: none threw.
    expect(errors).not.toHaveBeenCalled();
    expect(changes.every((state) => !(state as { error?: unknown }).error)).toBe(true);
  });
});
