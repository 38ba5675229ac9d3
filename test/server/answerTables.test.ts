// docs/wire-contract.md's two answer tables are the tested ones: each table must read exactly as written
// here, and each row is played over loopback HTTP — the caller's rows with a request of that
// kind, the upstream's rows with a fake or hostile upstream answering that way. The upstream
// table is played whole: every status from 400 to 599, plain and with each Connect code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STATUS_BY_CODE, type RoomTokenErrorCode } from '../../src/core/RoomTokenError';
import { createRoomTokenHandler, type RoomTokenHandlerOptions } from '../../src/server';
import type { FakeFault } from '../../src/testing';
import { gzipBomb, rawServerForTest, writeRepeated, type RawHandler } from '../helpers/rawServer';
import {
  API_KEY,
  allowAll,
  closedPortUrl,
  consoleLines,
  createBody,
  expectConnectError,
  guardTheKey,
  readAnswer,
  send,
  serve,
  startHandler,
  type Answer,
} from './support';

guardTheKey();

const BODY = createBody({ user_id: 'user-1', room_id: 'room-1' });
const LOGS = '(generic message, one `console.error` line)';
/** A failing upstream: one line per kind of fault a minute (see upstreamLog.test.ts), so one for a fresh handler. */
const LOGS_A_MINUTE = '(one `console.error` line a minute per kind)';

/** The rows of the first table after `### <heading>` in docs/wire-contract.md, as their three cells. */
function readmeTable(heading: string): string[][] {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/wire-contract.md', import.meta.url)), 'utf8');
  const start = doc.indexOf(`\n### ${heading}\n`);
  expect(start, `a "### ${heading}" section in docs/wire-contract.md`).toBeGreaterThan(-1);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('| '));
  const table = lines.slice(first, lines.findIndex((line, i) => i > first && !line.startsWith('|')));
  return table.slice(2).map((line) => line.slice(2, -2).split(' | '));
}

/** What a row's cells promise: the status, the code, and whether the server's console gets a line (each time, or once a minute). */
function promised([, status, code]: string[]) {
  const perMinute = code!.includes(LOGS_A_MINUTE);
  return { status: Number.parseInt(status!, 10), code: /`(\w+)`/.exec(code!)?.[1], logs: code!.includes('console.error') && !perMinute, perMinute };
}

const checkedLines = new WeakSet<object>();

/** Checks an answer against a row's promise, and claims the console lines it wrote. */
function expectRow(answer: Answer, cells: string[]): void {
  const { status, code, logs, perMinute } = promised(cells);
  if (status === 200) expect(answer.status).toBe(200);
  else expectConnectError(answer, status, code!);
  // Only the lines written since the last answer checked (a test may play several).
  const lines = consoleLines().filter((line) => !checkedLines.has(line));
  for (const line of lines) checkedLines.add(line);
  expect(lines.map((line) => line.method)).toEqual(logs || perMinute ? ['error'] : []);
}

describe('docs/wire-contract.md: what the caller sent', () => {
  const rows: { cells: string[]; options?: Partial<RoomTokenHandlerOptions>; init: RequestInit & { json?: unknown } }[] = [
    { cells: ['tokens minted', '200 `{"tokens":[…]}`', '—'], init: { json: BODY } },
    { cells: ['method other than POST', '405, `Allow: POST`', '`unimplemented`'], init: { method: 'PUT', json: BODY } },
    { cells: ['content type not JSON', '415', '`invalid_argument`'], init: { body: JSON.stringify(BODY), headers: { 'content-type': 'text/plain' } } },
    {
      cells: [
        'body over `maxBodyBytes` (a declared `Content-Length`, or counted while reading); the connection is closed after the answer, so the rest of the body cannot stall the next request',
        '413',
        '`resource_exhausted`',
      ],
      init: { body: ' '.repeat(17 * 1024), headers: { 'content-type': 'application/json' } },
    },
    {
      cells: ['body not all received within `bodyTimeoutMs`; the connection is closed after the answer', '408', '`deadline_exceeded`'],
      options: { bodyTimeoutMs: 200 },
      // One byte, then nothing more: the body never ends.
      init: {
        body: new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(' ')) }),
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit,
    },
    {
      cells: [
        'malformed JSON, wrong shape, invalid argument (empty id, an id with control or invisible characters, unknown or wrongly cased permission, non-string metadata value, a metadata key that is not plain ASCII or differs from `mcuStream` only by case or separators, an `mcuStream` other than `"true"` or `"false"`), over `maxArguments`',
        '400',
        '`invalid_argument`',
      ],
      init: { body: '{"arguments":[', headers: { 'content-type': 'application/json' } },
    },
    { cells: ['`authorize` returned `false`', '403', '`permission_denied`'], options: { authorize: () => false }, init: { json: BODY } },
    {
      cells: ['`authorize` threw, or returned an invalid request', '500', `\`internal\` ${LOGS}`],
      options: {
        authorize: () => {
          throw new Error('session store down');
        },
      },
      init: { json: BODY },
    },
    {
      cells: ["`apiKey` missing, or not a valid header value: the server's set-up, never the caller's fault", '500', `\`internal\` ${LOGS}`],
      options: { apiKey: undefined },
      init: { json: BODY },
    },
    {
      cells: ['over the `rateLimit` limit', '429, `Retry-After` (whole seconds)', '`resource_exhausted`'],
      // rate-limiter-flexible's refusal: a result with the wait in msBeforeNext.
      options: { rateLimit: { limiter: { consume: () => Promise.reject({ msBeforeNext: 1500 }) } } },
      init: { json: BODY },
    },
    {
      cells: [
        "the `rateLimit` limiter failed, or did not answer within `timeoutMs` (unless `onLimiterError: 'allow'`)",
        '503',
        '`unavailable` (one `console.error` line)',
      ],
      options: { rateLimit: { limiter: { consume: () => Promise.reject(new Error('Redis is down')) } } },
      init: { json: BODY },
    },
  ];

  it('is the table docs/wire-contract.md shows', () => {
    expect(readmeTable('What the caller sent')).toEqual(rows.map((row) => row.cells));
  });

  it.each(rows.map((row) => [row.cells[0]!, row] as const))('%s', async (_situation, row) => {
    const { url, fake } = await startHandler(row.options);
    const answer = await send(url, row.init);
    expectRow(answer, row.cells);
    expect(fake.calls).toHaveLength(answer.status === 200 ? 1 : 0);
    if (answer.status === 405) expect(answer.headers.get('allow')).toBe('POST');
    if (answer.status === 413 || answer.status === 408) expect(answer.headers.get('connection')).toBe('close');
    if (answer.status === 429) expect(answer.headers.get('retry-after')).toBe('2');
  });
});

/** An upstream answer the table classifies: an HTTP status and, for a Connect error body, its code. */
type HttpAnswer = { status: number; code?: RoomTokenErrorCode };

interface UpstreamRow {
  cells: string[];
  /** Whether an upstream HTTP error answer falls under this row. */
  takes?: (answer: HttpAnswer) => boolean;
}

const UPSTREAM_ROWS: UpstreamRow[] = [
  { cells: ['did not answer within `timeoutMs`', '504', `\`deadline_exceeded\` ${LOGS_A_MINUTE}`] },
  {
    cells: [
      'could not be reached, or dropped the connection before a whole 2xx answer (fetch itself turns a 407 into this)',
      '503',
      `\`unavailable\` ${LOGS_A_MINUTE}`,
    ],
    // The Fetch standard makes a 407 (proxy authentication) a network error: no status reaches the client.
    takes: ({ status }) => status === 407,
  },
  {
    cells: ['answered 429 or any 5xx, whatever the body (its `Retry-After` is passed on)', '503', `\`unavailable\` ${LOGS_A_MINUTE}`],
    takes: ({ status }) => status === 429 || status >= 500,
  },
  {
    cells: ["answered 401 or 403, whatever the body: it refused the server's key (the line gives its status and code, never its text)", '500', `\`internal\` ${LOGS}`],
    takes: ({ status }) => status === 401 || status === 403,
  },
  {
    cells: [
      'answered a 4xx whose code is `unimplemented` (a 404 with no Connect error, or a Connect `unimplemented`): no Create method at `baseUrl`',
      '502',
      `\`internal\` ${LOGS}`,
    ],
    takes: ({ status, code }) => status < 500 && (code === 'unimplemented' || (code === undefined && status === 404)),
  },
  {
    cells: [
      'answered any other 4xx (400, 409, 413, 422, a 404 `not_found`, …), whatever the body: it refused the request itself',
      '400',
      '`invalid_argument`',
    ],
    takes: ({ status }) => status >= 400 && status < 500,
  },
  {
    cells: [
      'answered anything else: a 2xx without one non-empty token per argument, over `maxResponseBytes` or undecodable, a redirect',
      '502',
      `\`internal\` ${LOGS}`,
    ],
  },
];

/** The row docs/wire-contract.md says decides an HTTP error answer: the first that takes it. */
const rowFor = (answer: HttpAnswer) => UPSTREAM_ROWS.find((row) => row.takes?.(answer)) ?? UPSTREAM_ROWS.at(-1)!;

describe('docs/wire-contract.md: what the upstream answered', () => {
  it('is the table docs/wire-contract.md shows', () => {
    expect(readmeTable('What the upstream answered')).toEqual(UPSTREAM_ROWS.map((row) => row.cells));
  });

  it('decides every status from 400 to 599, plain and with each Connect code, row by row (3,400 answers)', async () => {
    const codes = Object.keys(STATUS_BY_CODE) as RoomTokenErrorCode[];
    const cases: HttpAnswer[] = [];
    for (let status = 400; status <= 599; status++) for (const code of [undefined, ...codes]) cases.push({ status, code });
    // The case travels in the room id; the fake plays the answer it names.
    const { handler } = await startHandler(
      {},
      {
        maxRecorded: 0,
        fault: (call): FakeFault => {
          const [status, code] = String((call.body as typeof BODY).arguments[0]!.room_id).split(':');
          return code ? { code: code as RoomTokenErrorCode, status: Number(status), message: `case ${status}:${code}` } : { status: Number(status), body: 'plain' };
        },
      },
    );
    const seen: { answer: HttpAnswer; status: number; code: unknown }[] = [];
    // A few at a time: the order does not matter, only that each answer is the row's.
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const answer = cases[next++]!;
        // The handler is called in process; its upstream call is the loopback one under test.
        const request = new Request('http://app.test/api/room-token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createBody({ user_id: 'u', room_id: `${answer.status}:${answer.code ?? ''}` })),
        });
        const got = await readAnswer(await handler(request));
        seen.push({ answer, status: got.status, code: (got.body as { code?: unknown }).code });
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    const wrong = seen.filter(({ answer, status, code }) => {
      const { status: promisedStatus, code: promisedCode } = promised(rowFor(answer).cells);
      return status !== promisedStatus || code !== promisedCode;
    });
    expect(wrong).toEqual([]);
    expect(seen).toHaveLength(3400);
    // One console line for each answer whose row says so, and none for the others.
    const logged = seen.filter(({ answer }) => promised(rowFor(answer).cells).logs).length;
    // 401 and 403 with any body, a Connect unimplemented at the other 96 4xx, a plain 404.
    expect(logged).toBe(2 * 17 + 96 + 1);
    const lines = consoleLines();
    // And the failing upstream's kinds, once each however many answers: 5xx, 429, and 407 (no answer at all).
    const faults = lines.filter((line) => line.text.includes('the token service failed ('));
    expect(faults.map((line) => /failed \((\w+)/.exec(line.text)?.[1]).sort()).toEqual(['rate_limited', 'server_error', 'unreachable']);
    expect(lines).toHaveLength(logged + faults.length);
    // Each line is about its own answer, by its status and code; what the upstream said is in
    // none (issue 19, item 2: it may echo pieces of the key).
    for (const { answer } of seen.filter(({ answer }) => answer.code && promised(rowFor(answer).cells).logs)) {
      // (a plain 401 is logged as unauthenticated too: at least this one line)
      expect(lines.filter((line) => line.text.includes(`(HTTP ${answer.status}, ${answer.code})`)).length).toBeGreaterThanOrEqual(1);
    }
    expect(lines.filter((line) => line.text.includes('case '))).toEqual([]);
  }, 300_000);

  /** Plays one scenario under a row: an upstream, the handler in front of it, one call. */
  async function play(cells: string[], upstream: RawHandler | { baseUrl: string }, options: Partial<RoomTokenHandlerOptions> = {}) {
    const baseUrl = 'baseUrl' in upstream ? upstream.baseUrl : (await rawServerForTest(upstream)).url;
    const url = await serve(createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl, ...options }));
    const answer = await send(url, { json: BODY });
    expectRow(answer, cells);
    return answer;
  }
  const [timedOut, unreachable, overloaded, , , , unusable] = UPSTREAM_ROWS.map((row) => row.cells);

  it('did not answer within timeoutMs: a hang', async () => {
    await play(timedOut!, () => undefined, { timeoutMs: 100 });
  });

  it('did not answer within timeoutMs: a body that trickles past it', async () => {
    await play(
      timedOut!,
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"tokens":["');
        const timer = setInterval(() => res.write('a'), 20);
        res.on('close', () => clearInterval(timer));
      },
      { timeoutMs: 200 },
    );
  });

  it('could not be reached: nothing listens', async () => {
    await play(unreachable!, { baseUrl: await closedPortUrl() });
  });

  it('dropped the connection before answering', async () => {
    await play(unreachable!, (req) => req.socket.destroy());
  });

  it('dropped the connection in the middle of a 200', async () => {
    await play(unreachable!, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"tokens":["abc');
      setTimeout(() => req.socket.destroy(), 20);
    });
  });

  it("429 or 5xx: the upstream's Retry-After is passed on, in whole seconds", async () => {
    const answer = await play(overloaded!, (_req, res) => {
      res.writeHead(429, { 'retry-after': 'Wed, 01 Jan 2098 00:00:00 GMT' });
      res.end();
    });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(2_000_000_000);
    const plain = await play(overloaded!, (_req, res) => {
      res.writeHead(503, { 'retry-after': '7' });
      res.end('maintenance');
    });
    expect(plain.headers.get('retry-after')).toBe('7');
  });

  const unusable200: [string, RawHandler][] = [
    ['a 200 without tokens', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"nope":[]}')],
    ['a 200 that is not JSON', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>ok</html>')],
    ['a 200 with an empty token', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"tokens":[""]}')],
    ['a 200 with two tokens for one argument', (_req, res) => res.writeHead(200).end('{"tokens":["a","b"]}')],
    [
      'a 200 with a 100 MB token',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"tokens":["');
        writeRepeated(res, new Uint8Array(64 * 1024).fill(65), 100 * 1000 * 1000);
      },
    ],
    [
      'a 200 gzip bomb',
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipBomb(512)),
    ],
    ['a 200 that does not decompress', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip')],
    ['a 200 whose token holds the key', (_req, res) => res.writeHead(200).end(JSON.stringify({ tokens: [`x${API_KEY}x`] }))],
    ['a 307 to another origin', (_req, res) => res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' }).end()],
    ['a 301', (_req, res) => res.writeHead(301, { location: '/moved' }).end()],
  ];

  it.each(unusable200)('anything else: %s', async (_name, upstream) => {
    const answer = await play(unusable!, upstream);
    expect(answer.text).not.toContain('tokens');
  });
});
