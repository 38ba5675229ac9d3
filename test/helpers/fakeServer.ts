import { inspect } from 'node:util';
import { expect, onTestFinished } from 'vitest';
import { createFakeTokenService, type FakeTokenServiceOptions } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { RoomTokenError } from '../../src/core';

/** A made-up key: the fake accepts only it, and no error may ever show it. */
export const TEST_KEY = 'sk-test-7f3a9c21-never-show-me';

/**
 * Starts a fake token service on a loopback port for the current test and closes it when
 * the test finishes, pass or fail.
 */
export async function startFake(options: FakeTokenServiceOptions = { apiKey: TEST_KEY }) {
  const fake = createFakeTokenService(options);
  const server = await fake.listen();
  onTestFinished(() => server.close());
  return { fake, url: server.url };
}

/** Serves any handler on loopback for the current test, closed when the test finishes. */
export async function serveForTest(handle: (request: Request) => Promise<Response>) {
  const server = await serveOnLoopback(handle);
  onTestFinished(() => server.close());
  return server.url;
}

/** A loopback URL on which nothing listens any more. */
export async function closedUrl(): Promise<string> {
  const server = await serveOnLoopback(async () => new Response(null));
  await server.close();
  return server.url;
}

/** Awaits a promise that must reject with a RoomTokenError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<RoomTokenError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${inspect(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(RoomTokenError);
  return outcome.error as RoomTokenError;
}

/** Everything an error can show: message, stack, every own property, its causes, its inspection. */
export function everythingShownBy(error: unknown): string {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 5 || seen.has(value)) return;
    seen.add(value);
    if (typeof value !== 'object' || value === null) {
      parts.push(String(value));
      return;
    }
    if (value instanceof Error) parts.push(String(value), value.message, value.stack ?? '');
    for (const key of Reflect.ownKeys(value)) {
      walk((value as Record<PropertyKey, unknown>)[key], depth + 1);
    }
  };
  walk(error, 0);
  parts.push(inspect(error, { depth: 10, showHidden: true }));
  try {
    parts.push(JSON.stringify(error) ?? '');
  } catch {
    // A cyclic cause cannot be serialised; the walk above has covered it.
  }
  return parts.join('\n');
}
