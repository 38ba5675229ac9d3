// Imported first by run.ts: React, react-dom and SWR decide at load time whether there is a
// DOM (SWR treats a window-less process as a server and never fetches) and which build to use.
import { createRequire } from 'node:module';

// jsdom ships no types of its own (and @types/jsdom is not installed): this is all we use.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, options: { url: string }) => { window: { close(): void } };
};

// Production builds, as users ship them; the renders figure uses react-dom's profiling build.
process.env.NODE_ENV ??= 'production';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://127.0.0.1/' });
const window = dom.window as unknown as Record<string, unknown>;

// Only what Node lacks: Node's own fetch, Headers, AbortController, Event… stay in place.
const added = Object.getOwnPropertyNames(window).filter((key) => !(key in globalThis));

function addDom(): void {
  for (const key of added) Object.defineProperty(globalThis, key, { configurable: true, get: () => window[key] });
}
addDom();

/**
 * Runs `task` with the DOM globals taken away, as on a server: the backend code reads
 * `globalThis.location` and must not find jsdom's.
 */
export async function withoutDom<T>(task: () => Promise<T>): Promise<T> {
  for (const key of added) delete (globalThis as Record<string, unknown>)[key];
  try {
    return await task();
  } finally {
    addDom();
  }
}

/** Closes the jsdom window once the run is over. */
export function closeDom(): void {
  dom.window.close();
}
