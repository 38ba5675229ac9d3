// Shared by the server tests: a fake upstream on loopback, the handler on loopback, a client
// that records every answer, and a guard that no answer and no console line holds the key.
import { afterEach, beforeEach, expect, onTestFinished, vi } from 'vitest';
import { isRoomTokenErrorCode } from '../../src/core/RoomTokenError';
import { createRoomTokenHandler, type RoomTokenHandlerOptions } from '../../src/server';
import { createFakeTokenService, type FakeTokenServiceOptions } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';

/** The server's key: distinctive, so that any copy of it anywhere is found. */
export const API_KEY = 'rrt-server-key-Q7ZcX2pL9vW4';

export const CONSOLE_METHODS = ['log', 'warn', 'error', 'info', 'debug'] as const;

/** An answer as a caller sees it. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  body: unknown;
}

const answers: Answer[] = [];
let consoleCalls: { method: string; text: string }[] = [];
let claimed = 0;

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Spies on the console for every test of the file, and after each test checks that neither
 * a recorded answer nor a console line contains the key, and that the test claimed (and so
 * asserted) every console line.
 */
export function guardTheKey(): void {
  beforeEach(() => {
    consoleCalls = [];
    claimed = 0;
    answers.length = 0;
    for (const method of CONSOLE_METHODS) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleCalls.push({ method, text: args.map(format).join(' ') });
      });
    }
  });
  afterEach(() => {
    for (const answer of answers) {
      expect(answer.text).not.toContain(API_KEY);
      answer.headers.forEach((value, name) => {
        expect(`${name}: ${value}`).not.toContain(API_KEY);
      });
    }
    for (const call of consoleCalls) expect(call.text).not.toContain(API_KEY);
    expect(consoleCalls.slice(claimed), 'console lines no test asserted').toEqual([]);
  });
}

/** The console lines written so far in this test; the test now answers for them. */
export function consoleLines(): { method: string; text: string }[] {
  claimed = consoleCalls.length;
  return [...consoleCalls];
}

/** Reads a response as a caller would, and records it for the key guard. */
export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const answer = { status: response.status, headers: response.headers, text, body };
  answers.push(answer);
  return answer;
}

/** Sends a request and reads the answer. `json` is sent as a JSON body with its content type. */
export async function send(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(url, {
    method: 'POST',
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  return readAnswer(response);
}

/** Asserts a Connect JSON error: the status, the code, a message, JSON, and no-store. */
export function expectConnectError(answer: Answer, status: number, code: string): { code: string; message: string } {
  expect({ status: answer.status, code: (answer.body as { code?: unknown } | undefined)?.code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  expect(isRoomTokenErrorCode(body.code)).toBe(true);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toBe('');
  return body as { code: string; message: string };
}

/** Starts the package's fake upstream on loopback for this test, accepting only `API_KEY`. */
export async function startFake(options: FakeTokenServiceOptions = {}) {
  const fake = createFakeTokenService({ apiKey: API_KEY, ...options });
  const server = await fake.listen();
  onTestFinished(() => server.close());
  return { fake, url: server.url };
}

/** Serves a Fetch-API handler on loopback for this test. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = await serveOnLoopback(handler);
  onTestFinished(() => server.close());
  return server.url;
}

/** A loopback URL on which nothing listens any more. */
export async function closedPortUrl(): Promise<string> {
  const server = await serveOnLoopback(async () => new Response(null));
  await server.close();
  return server.url;
}

/** Lets every request through unchanged. */
export const allowAll: RoomTokenHandlerOptions['authorize'] = (request) => request;

/**
 * The usual setup: a fake upstream and the handler pointing at it, both on loopback.
 * Returns the handler's URL, the fake, and the handler itself.
 */
export async function startHandler(
  options: Partial<RoomTokenHandlerOptions> = {},
  fakeOptions: FakeTokenServiceOptions = {},
) {
  const { fake, url: upstream } = await startFake(fakeOptions);
  const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream, ...options });
  const url = await serve(handler);
  return { url, fake, handler, upstream };
}

/** A Create body on the wire for one or more `[room, user]` pairs with extra fields. */
export function createBody(...args: Record<string, unknown>[]): { arguments: Record<string, unknown>[] } {
  return { arguments: args };
}
