// Hostile upstream answers for property tests: arbitrary status, headers, content encoding and
// body — valid, truncated, huge, endless, trickling, compressed, undecodable, echoing the key —
// played by one raw loopback server, one scenario per call.
import * as http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { expect } from 'vitest';
import { MiB, memoryWatch } from './memory';
import { gzipBomb, startRawServer, writeRepeated, type RawServer } from './rawServer';

/** The key the hostile upstream is sent, and tries to echo: with characters JSON and URLs escape. */
export const HOSTILE_KEY = 'fz-key"/+=9f8e7d6c5b4a3210';

/** The forms of the key that must never appear in any output. */
export const KEY_FORMS = [HOSTILE_KEY, JSON.stringify(HOSTILE_KEY).slice(1, -1), encodeURIComponent(HOSTILE_KEY)];

type Body =
  | { kind: 'bytes'; text: string | Uint8Array }
  | { kind: 'huge'; bytes: number }
  | { kind: 'endless' }
  | { kind: 'trickle' }
  | { kind: 'truncated'; text: string }
  | { kind: 'bomb'; mib: number };

/** One way for the upstream to answer a Create call. */
export interface HostileAnswer {
  /** How many tokens the call asks for. */
  count: number;
  /** `hang`: never answers; `drop`: closes the connection before any answer. */
  before: 'answer' | 'hang' | 'drop';
  status: number;
  /** Mostly JSON, as a Create answer must be; sometimes none, HTML or text. */
  contentType: string | undefined;
  headers: [string, string][];
  encoding: 'identity' | 'gzip' | 'deflate' | 'br' | 'gzip-lie';
  body: Body;
}

const printable = fc.string({ unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCXYZabcxyz[]^_{|}~'.split('')), maxLength: 40 });
const echo = fc.constantFrom(...KEY_FORMS);
const tokenLike = fc.oneof(
  { weight: 16, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCabc0123-_'.split('')), minLength: 1, maxLength: 400 }) },
  fc.constant(''),
  echo.map((key) => `tok-${key}`),
  fc.jsonValue(),
);
const connectCode = fc.constantFrom(
  'canceled', 'unknown', 'invalid_argument', 'deadline_exceeded', 'not_found', 'already_exists', 'permission_denied',
  'resource_exhausted', 'failed_precondition', 'aborted', 'out_of_range', 'unimplemented', 'internal', 'unavailable',
  'data_loss', 'unauthenticated', 'ok', 'Unavailable',
);

/** Bodies as text: token answers (right and wrong), Connect errors that echo the key, anything. */
const textBody = (count: number) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(tokenLike, { minLength: count, maxLength: count }).map((tokens) => JSON.stringify({ tokens })) },
    { weight: 2, arbitrary: fc.array(tokenLike, { maxLength: 4 }).map((tokens) => JSON.stringify({ tokens })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(connectCode, fc.oneof(printable, echo.map((key) => `bad key ${key}`), fc.string({ unit: 'binary' })), fc.nat(500))
        .map(([code, message, pad]) => JSON.stringify({ code, message: `${message}${'.'.repeat(pad)}` })),
    },
    echo.map((key) => `<html><body>Bearer ${key}</body></html>`),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ unit: 'binary' }),
    fc.constant(''),
  );

const body = (count: number): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 24, arbitrary: textBody(count).map((text) => ({ kind: 'bytes' as const, text })) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes' as const, text: bytes })) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 * 1024 * 1024 }).map((bytes) => ({ kind: 'huge' as const, bytes })) },
    { weight: 2, arbitrary: fc.constant({ kind: 'endless' as const }) },
    // Rare: each one waits out the timeout.
    { weight: 1, arbitrary: fc.constant({ kind: 'trickle' as const }) },
    { weight: 4, arbitrary: textBody(count).map((text) => ({ kind: 'truncated' as const, text })) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 64 }).map((mib) => ({ kind: 'bomb' as const, mib })) },
  );

/** An arbitrary hostile answer: mostly well-formed HTTP with any status, headers, encoding and body. */
export const hostileAnswer: fc.Arbitrary<HostileAnswer> = fc.integer({ min: 1, max: 3 }).chain((count) =>
  fc.record({
    count: fc.constant(count),
    // A hang waits out the timeout: rare, so that a thousand runs stay quick.
    before: fc.oneof({ weight: 80, arbitrary: fc.constant('answer' as const) }, fc.constant('hang' as const), { weight: 2, arbitrary: fc.constant('drop' as const) }),
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant(200) },
      { weight: 4, arbitrary: fc.constantFrom(201, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 407, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504) },
      { weight: 2, arbitrary: fc.integer({ min: 200, max: 599 }) },
    ),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
      fc.constantFrom(undefined, 'text/html', 'text/plain', 'application/octet-stream'),
    ),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom('retry-after', 'x-echo', 'location', 'content-type', 'www-authenticate', 'set-cookie', 'connection', 'cache-control'),
        fc.oneof(printable, echo, fc.constantFrom('0', '30', '99999999999', 'Wed, 21 Oct 2099 07:28:00 GMT', 'http://127.0.0.1:9/x', 'application/json', 'close')),
      ),
      { maxLength: 4 },
    ),
    encoding: fc.oneof({ weight: 8, arbitrary: fc.constant('identity' as const) }, fc.constantFrom('gzip' as const, 'deflate' as const, 'br' as const, 'gzip-lie' as const)),
    body: body(count),
  }),
);

const compress = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/** Plays `answer` on `res`. Every write ends when the client goes away. */
function play(answer: HostileAnswer, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  if (answer.before === 'hang') return;
  if (answer.before === 'drop') return void req.socket.destroy();
  const headers: Record<string, string | string[]> = answer.contentType ? { 'content-type': answer.contentType } : {};
  for (const [name, value] of answer.headers) headers[name] = value;
  const { body } = answer;
  if (body.kind === 'bomb') headers['content-encoding'] = 'gzip';
  else if (answer.encoding === 'gzip-lie') headers['content-encoding'] = 'gzip';
  else if (answer.encoding !== 'identity' && body.kind === 'bytes') headers['content-encoding'] = answer.encoding;
  if (body.kind === 'truncated') headers['content-length'] = String(Buffer.byteLength(body.text) + 100);
  try {
    res.writeHead(answer.status, headers);
  } catch {
    return void req.socket.destroy();
  }
  switch (body.kind) {
    case 'bytes': {
      const bytes = typeof body.text === 'string' ? Buffer.from(body.text) : Buffer.from(body.text);
      return void res.end(answer.encoding === 'identity' || answer.encoding === 'gzip-lie' ? bytes : compress[answer.encoding](bytes));
    }
    case 'huge':
      return writeRepeated(res, new Uint8Array(64 * 1024).fill(65), body.bytes);
    case 'endless':
      return writeRepeated(res, new Uint8Array(16 * 1024).fill(66));
    case 'trickle': {
      const timer = setInterval(() => res.write('x'), 25);
      return void res.on('close', () => clearInterval(timer));
    }
    case 'truncated':
      res.write(body.text);
      return void setTimeout(() => req.socket.destroy(), 5);
    case 'bomb':
      return void res.end(gzipBomb(body.mib));
  }
}

/** One hostile server for a whole property run: `next(answer)` sets how it answers the next call. */
export async function startHostileUpstream(): Promise<RawServer & { next(answer: HostileAnswer): void }> {
  let current: HostileAnswer | undefined;
  const server = await startRawServer((req, res) => play(current!, req, res));
  return { ...server, next: (answer) => (current = answer) };
}

// A timer can fire late on a loaded machine: the margin is generous, and still far below what
// an unbounded read of a huge or endless body takes.
const MARGIN_MS = 5000;

/**
 * Runs `check` on `runs` hostile answers (one call each) and holds the properties every run
 * shares: it settles within `timeoutMs` plus a margin, memory never grows past 256 MiB, and
 * what is retained after a full collection stays under 32 MiB (checked every 100 runs and at
 * the end). `check` returns a label for the outcome; the tally of labels is returned and,
 * with the figures, written to stdout.
 */
export async function checkHostileAnswers(
  label: string,
  { runs, timeoutMs }: { runs: number; timeoutMs: number },
  check: (answer: HostileAnswer) => Promise<string>,
): Promise<Map<string, number>> {
  // fast-check builds its tables on first use (about 80 MiB, kept): not the code under test's.
  fc.sample(hostileAnswer, 1);
  const memory = memoryWatch();
  const tally = new Map<string, number>();
  let slowest = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(hostileAnswer, async (answer) => {
      const started = performance.now();
      const outcome = await check(answer);
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      expect(took).toBeLessThan(timeoutMs + MARGIN_MS);
      tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      memory.sample();
      if (++run % 100 === 0) expect(memory.retained()).toBeLessThan(32 * MiB);
    }),
    { numRuns: runs },
  );
  const peak = memory.peak();
  const retained = memory.retained();
  process.stdout.write(
    `hostile answers through ${label}: ${run} runs, outcomes ${JSON.stringify(Object.fromEntries(tally))}, slowest ${Math.round(slowest)} ms, ` +
      `peak memory growth ${(peak / MiB).toFixed(1)} MiB, retained ${(retained / MiB).toFixed(1)} MiB\n`,
  );
  // The old client held a 100 MB token or an endless body whole: hundreds of MiB to GiB.
  expect(peak).toBeLessThan(256 * MiB);
  expect(retained).toBeLessThan(32 * MiB);
  return tally;
}
