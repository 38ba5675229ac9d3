// React Native's runtime pieces, in Node: its AbortController polyfill (the `abort-controller`
// package, which has no `AbortSignal.abort()`, `.timeout()` or `.any()`) and its fetch
// (whatwg-fetch on XMLHttpRequest: a Response with no `body` stream, only text() and json()).
import { AbortController as PolyfillAbortController } from 'abort-controller';
import { onTestFinished } from 'vitest';

const STATICS = ['abort', 'timeout', 'any'] as const;

/**
 * Puts React Native's `AbortController` in place of Node's and removes the `AbortSignal`
 * statics React Native lacks, for the current test (restored when it finishes).
 */
export function useReactNativeAbortController(): void {
  const controller = globalThis.AbortController;
  const statics = Object.fromEntries(STATICS.map((name) => [name, Object.getOwnPropertyDescriptor(AbortSignal, name)]));
  globalThis.AbortController = PolyfillAbortController as unknown as typeof AbortController;
  for (const name of STATICS) delete (AbortSignal as unknown as Record<string, unknown>)[name];
  onTestFinished(() => {
    globalThis.AbortController = controller;
    for (const name of STATICS) if (statics[name]) Object.defineProperty(AbortSignal, name, statics[name]);
  });
}

/** What a whatwg-fetch Response offers: no `body`, the whole text at once. */
export interface BodylessResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly type: ResponseType;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: Headers;
  readonly bodyUsed: boolean;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * A fetch with React Native's semantics over real HTTP: Node's fetch underneath, answers
 * handed back as whatwg-fetch gives them (no `body` stream). `textCalls` counts text() reads.
 */
export function bodylessFetch() {
  const counts = { textCalls: 0 };
  const nodeFetch = globalThis.fetch;
  const fetchLikeReactNative = async (input: RequestInfo | URL, init?: RequestInit): Promise<BodylessResponse> => {
    const response = await nodeFetch(input, init);
    let used = false;
    const text = () => {
      counts.textCalls++;
      if (used) return Promise.reject(new TypeError('Already read'));
      used = true;
      return response.text();
    };
    return {
      status: response.status,
      ok: response.ok,
      type: 'default',
      url: response.url,
      redirected: false,
      headers: response.headers,
      get bodyUsed() {
        return used;
      },
      text,
      json: async () => JSON.parse(await text()) as unknown,
    };
  };
  return { fetch: fetchLikeReactNative as unknown as typeof fetch, counts };
}

/** Puts {@link bodylessFetch} in place of the global fetch for the current test (restored when it finishes). */
export function useReactNativeFetch() {
  const original = globalThis.fetch;
  const replacement = bodylessFetch();
  globalThis.fetch = replacement.fetch;
  onTestFinished(() => {
    globalThis.fetch = original;
  });
  return replacement.counts;
}
