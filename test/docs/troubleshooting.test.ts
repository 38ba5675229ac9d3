// docs/troubleshooting.md's tables cannot drift from the code: every error code has a row;
// every message a row quotes is one the source writes; every set-up message, configuration
// error and server log line the source writes has a row. The causes the brief of issue 23
// names are then played for real: a wrong dev key, a production build with dev mode, a
// missing /api proxy (an HTML answer), a wrong upstream host, a 429 — each gives the code and
// the message its row says.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoomMemberTokens, createRoomTokenClient, devMode, RoomTokenError } from '../../src';
import { STATUS_BY_CODE } from '../../src/core/RoomTokenError';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService, type FakeFault } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { ROOT } from './docBlocks';

const DOC = readFileSync(join(ROOT, 'docs/troubleshooting.md'), 'utf8');

/** The first cells of the table under a heading (up to the next heading). */
function firstCells(heading: string): string[] {
  const start = DOC.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const section = DOC.slice(start + heading.length + 2).split(/\n#+ /)[0]!;
  const rows = section.split('\n').filter((line) => line.startsWith('| '));
  return rows.slice(2).map((line) => line.slice(2).split(' | ')[0]!);
}

/** The message fragments a cell quotes, in `code` or ``code with `ticks` ``. */
const quoted = (cell: string) => [...cell.matchAll(/``\s?(.+?)\s?``|`([^`]+)`/g)].map((match) => (match[1] ?? match[2])!);

/** Every source file's text, with development-only text kept and other template holes as `…`. */
function sourceText(): string {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name));
  return files
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
    .replace(/\$\{DEV \? '((?:[^'\\]|\\.)*)' : '[^']*'\}/g, '$1')
    .replace(/\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, '…');
}

describe('docs/troubleshooting.md', () => {
  const source = sourceText();

  it('has a row for every error code', () => {
    const listed = firstCells('## By code').flatMap(quoted);
    expect(Object.keys(STATUS_BY_CODE).filter((code) => !listed.includes(code))).toEqual([]);
  });

  it('quotes only messages the source writes', () => {
    const fragments = [...firstCells('## By message'), ...firstCells("### The server's log lines")].flatMap(quoted);
    expect(fragments.length).toBeGreaterThan(40);
    const missing = fragments.filter((fragment) =>
      fragment
        .split('…')
        .map((piece) => piece.trim().replace(/^[^\p{L}\p{N}`]+|[^\p{L}\p{N}`)?.]+$/gu, ''))
        .some((piece) => piece.length >= 8 && !source.includes(piece)),
    );
    expect(missing).toEqual([]);
  });

  it('has a row for every set-up message, configuration error and server log line the source writes', () => {
    const written = [
      // A development build's message, where the source writes a short one for production builds too.
      ...source.matchAll(/(?:internalAnswer|configurationError|log|console\.warn)\(\s*(?:process\.env\.NODE_ENV !== 'production' \? )?[`'"]([^`'"…]{12,})/g),
      ...source.matchAll(/setupProblem\(\s*new RoomTokenError\(\s*[^,]+,\s*[`'"](?:react-room-token: )?([^`'"…]{12,})/g),
    ].map((match) => match[1]!.replace(/^react-room-token: /, '').replace(/[\s:;,]+$/, ''));
    expect(written.length).toBeGreaterThan(15);
    expect(written.filter((message) => !DOC.includes(message.slice(0, 40)))).toEqual([]);
  });
});

describe('docs/troubleshooting.md: the causes it names, played', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  /** The error a client with these options gets for one token, and its console lines. */
  async function errorOf(options: Parameters<typeof createRoomTokenClient>[0]): Promise<{ error: RoomTokenError; warned: string[]; logged: string[] }> {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = (await createRoomTokenClient({ retry: false, ...options })
      .get({ roomId: 'studio-7', userId: 'ada' })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      )) as RoomTokenError;
    expect(error).toBeInstanceOf(RoomTokenError);
    return { error, warned: warn.mock.calls.map(String), logged: logError.mock.calls.map(String) };
  }

  const row = (fragment: string) => {
    expect(DOC, `a row quoting "${fragment}"`).toContain(fragment);
    return fragment;
  };

  it('a wrong dev key: failed_precondition, the message names dev.apiKey, no retry', async () => {
    const fake = createFakeTokenService({ apiKey: 'fake-test-key' });
    const server = await fake.listen();
    closers.push(server.close);

    const { error, warned } = await errorOf({ dev: devMode({ apiKey: 'a-wrong-key', baseUrl: server.url }) });

    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'failed_precondition', retryable: false });
    expect(error.message).toContain(row('the upstream refused dev.apiKey (HTTP'));
    expect(warned.join('\n')).toContain('use a valid test key for');
    expect(warned.join('\n')).not.toContain('a-wrong-key');
  });

  it('a production build with dev mode: failed_precondition, one console.error, nothing sent', async () => {
    const fake = createFakeTokenService({ apiKey: 'fake-test-key' });
    const server = await fake.listen();
    closers.push(server.close);
    vi.stubEnv('NODE_ENV', 'production');

    const { error, logged } = await errorOf({ dev: devMode({ apiKey: 'fake-test-key', baseUrl: server.url }) });

    expect(error.code).toBe('failed_precondition');
    expect(logged.join('\n')).toContain('dev mode is refused in a production build');
    expect(fake.calls).toEqual([]);
  });

  it('a missing /api proxy (the dev server answers index.html): a set-up error naming the routing', async () => {
    const devServer = await serveOnLoopback(async () => new Response('<!doctype html><div id="root"></div>', { headers: { 'content-type': 'text/html' } }));
    closers.push(devServer.close);

    const { error, warned } = await errorOf({ endpoint: `${devServer.url}/api/room-token` });

    expect({ code: error.code, status: error.status, retryable: error.retryable }).toEqual({ code: 'internal', status: 200, retryable: false });
    expect(error.message).toContain(row('the token service answered an HTML page (HTTP'));
    expect(error.message).toContain(row('is it routed to your backend?'));
    expect(warned).toHaveLength(1);
  });

  it.each<[string, FakeFault | undefined, string, string]>([
    ['a production key at the development host (the upstream refuses it)', { code: 'unauthenticated' }, 'internal', "the token service rejected this server's API key"],
    ['a host without the Create method', { status: 404, body: 'not found' }, 'internal', 'the token service has no Create method there'],
  ])('a wrong upstream host — %s: the caller gets internal, the log says check baseUrl', async (_what, fault, code, line) => {
    const fake = createFakeTokenService({ apiKey: 'upstream-key', fault });
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const backend = await serveOnLoopback(createRoomTokenHandler({ apiKey: 'upstream-key', baseUrl: upstream.url, authorize: (asked) => asked }));
    closers.push(backend.close);

    const { error, logged } = await errorOf({ endpoint: backend.url });

    expect(error.code).toBe(code);
    expect(logged.join('\n')).toContain(row(line));
    expect(logged.join('\n')).toContain('check');
    expect(logged.join('\n')).not.toContain('upstream-key');
  });

  it('a 429 from the rate limit: resource_exhausted with retryAfterMs, and a Retry inside the window makes no call', async () => {
    const fake = createFakeTokenService({ apiKey: 'upstream-key' });
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const limiter = { consume: () => Promise.reject({ msBeforeNext: 90_000 }) };
    const backend = await serveOnLoopback(
      createRoomTokenHandler({ apiKey: 'upstream-key', baseUrl: upstream.url, authorize: (asked) => asked, rateLimit: { limiter } }),
    );
    closers.push(backend.close);
    const client = createRoomTokenClient({ endpoint: backend.url, retry: false });
    const request = { roomId: 'studio-7', userId: 'ada' };

    const error = (await client.get(request).catch((thrown: unknown) => thrown)) as RoomTokenError;

    expect({ code: error.code, status: error.status, retryable: error.retryable, retryAfterMs: error.retryAfterMs }).toEqual({
      code: 'resource_exhausted',
      status: 429,
      retryable: true,
      retryAfterMs: 90_000,
    });
    expect(error.message).toContain(row('too many tokens: try again in'));
    expect(fake.calls).toEqual([]);
  });

  it('a relative endpoint outside a page: invalid_argument naming the URL', async () => {
    const error = await createRoomMemberTokens([{ roomId: 'studio-7', userId: 'ada' }], { url: '/api/room-token' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'invalid_argument' });
    expect((error as Error).message).toContain(row('is not a URL here (a relative URL needs a page to resolve against)'));
  });
});
