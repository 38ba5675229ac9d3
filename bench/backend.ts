import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { CREATE_PATH } from '../src/core/constants';
import { createRoomTokenHandler } from '../src/server';
import { serveOnLoopback } from '../src/testing/serveOnLoopback';
import { API_KEY, gateBody, median, ratioOf, startFake, withTimeout, type GroupResult } from './support';

const CONNECTIONS = 10;
const WARMUP_S = 1;
const DURATION_S = 3;
const WARMUP_RUN_S = 2;
const BODY = gateBody('room-backend', 'user-backend');
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadResult {
  rps: number;
  p99: number;
  ok: number;
  other: number;
}

/** Runs autocannon in a child process (so it does not share the servers' event loop) against `url`. */
export function load(url: string, durationS: number): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    ...['-c', String(CONNECTIONS), '-d', String(durationS)],
    ...['--warmup', '[', '-c', String(CONNECTIONS), '-d', String(WARMUP_S), ']'],
    ...['-m', 'POST', '-H', 'content-type=application/json', '-b', BODY, '-j', '-n', url],
  ];
  const run = new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const r = JSON.parse(line) as {
          requests: { average: number };
          latency: { p99: number };
          '2xx': number;
          non2xx: number;
          errors: number;
          timeouts: number;
        };
        resolve({ rps: r.requests.average, p99: r.latency.p99, ok: r['2xx'], other: r.non2xx + r.errors + r.timeouts });
      } catch {
        reject(new Error(`autocannon exited ${code}: ${err.trim().slice(0, 500)}`));
      }
    });
  });
  return withTimeout(run, (WARMUP_S + durationS + 30) * 1000, 'autocannon');
}

type Handle = (request: Request) => Promise<Response>;

/** Starts a fresh fake and the server `handleFor(fake's URL)` in front of it, loads it, stops both. */
export async function serveAndLoad(handleFor: (upstream: string) => Handle, durationS: number): Promise<LoadResult> {
  const fake = await startFake();
  const server = await serveOnLoopback(handleFor(fake.url));
  try {
    return await load(`${server.url}/api/room-token`, durationS);
  } finally {
    await server.close();
    await fake.close();
  }
}

/** The medians of one side's runs, and its response counts. */
export interface LoadSummary {
  rps: number;
  p99: number;
  ok: number;
  other: number;
  runs: LoadResult[];
}

/** Two sides measured under the same load, interleaved, with their throughput ratio. */
export interface LoadComparison {
  subject: LoadSummary;
  baseline: LoadSummary;
  /** Median of the ratios of each subject run to the baseline run next to it. */
  throughput: number;
  pairRatios: number[];
  order: string;
}

/**
 * Measures `subject` against `baseline` (each a function that serves, loads for the given
 * seconds and stops) after one unmeasured run of each, in the order A B B A A B B A.
 */
export async function compareUnderLoad(
  name: string,
  subject: (durationS: number) => Promise<LoadResult>,
  baseline: (durationS: number) => Promise<LoadResult>,
): Promise<LoadComparison> {
  // No run pays for garbage left by the run before it or by the groups before this one.
  const sides = { subject: gcFirst(subject), baseline: gcFirst(baseline) };
  // A B B A, twice: drift and other load on the machine fall on both alike.
  const order = ['subject', 'baseline', 'baseline', 'subject', 'subject', 'baseline', 'baseline', 'subject'] as const;
  const results: Record<keyof typeof sides, LoadResult[]> = { subject: [], baseline: [] };
  // Unmeasured: each side's code is compiled and optimised before any run counts. Without
  // this the first measured run, the subject's, also paid for compiling its code, while the
  // baseline's fetch, server and fake were already warm from the groups before.
  for (const side of ['subject', 'baseline'] as const) await sides[side](WARMUP_RUN_S);
  for (const side of order) {
    const run = await sides[side](DURATION_S);
    console.log(`bench: ${name} ${side}: ${run.rps.toFixed(0)} requests/s, p99 ${run.p99} ms`);
    results[side].push(run);
  }
  // Medians: one run hit by other work on the machine must not decide the figure.
  const summary = (side: keyof typeof sides): LoadSummary => ({
    rps: median(results[side].map((r) => r.rps)),
    p99: median(results[side].map((r) => r.p99)),
    ok: results[side].reduce((a, r) => a + r.ok, 0),
    other: results[side].reduce((a, r) => a + r.other, 0),
    runs: results[side],
  });
  // Each subject run against the baseline run next to it: both saw about the same machine.
  const pairRatios = results.subject.map((run, i) => run.rps / results.baseline[i]!.rps);
  return {
    subject: summary('subject'),
    baseline: summary('baseline'),
    throughput: median(pairRatios),
    pairRatios,
    order: order.join(', '),
  };
}

function gcFirst(measure: (durationS: number) => Promise<LoadResult>) {
  return (durationS: number) => {
    globalThis.gc?.();
    return measure(durationS);
  };
}

/** How a comparison was run, for RESULTS.md: the load, the order, the runs and the answers. */
export function describeComparison(c: LoadComparison, subject: string, baseline: string): string {
  const rps = (s: LoadSummary) => s.runs.map((r) => r.rps.toFixed(0)).join(', ');
  return `autocannon runs in a child process: ${CONNECTIONS} connections, POST of a valid one-token body, ${WARMUP_S} s warm-up then ${DURATION_S} s measured, after one unmeasured ${WARMUP_RUN_S} s run of each (so that neither side's measured runs include compiling its code) and with a full GC before every run, in the order ${c.order} (subject = ${subject}, baseline = ${baseline}); figures are the medians over the runs of each (of requests/s, and of each run's p99), and the throughput ratio is the median of the four ratios of a subject run to the baseline run next to it (${c.pairRatios.map((r) => r.toFixed(2)).join(', ')}), so that load from outside the benchmark, which comes and goes, falls on both sides of each ratio; runs: ${rps(c.subject)} requests/s for ${subject}, ${rps(c.baseline)} for ${baseline}. Responses: ${subject} ${c.subject.ok} 2xx and ${c.subject.other} other (non-2xx, errors, timeouts); ${baseline} ${c.baseline.ok} 2xx and ${c.baseline.other} other.`;
}

/** Figure 4: the backend handler against a bare pass-through proxy, both in front of the fake. */
export async function benchBackend(): Promise<GroupResult> {
  const handler = (upstream: string) => createRoomTokenHandler({ apiKey: API_KEY, authorize: (request) => request, baseUrl: upstream });
  const proxy = (upstream: string): Handle => async (request) => {
    const answer = await fetch(`${upstream}${CREATE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: await request.text(),
    });
    return new Response(await answer.text(), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  const c = await compareUnderLoad(
    'backend',
    (durationS) => serveAndLoad(handler, durationS),
    (durationS) => serveAndLoad(proxy, durationS),
  );
  const throughput = c.throughput;
  return {
    rows: [
      {
        figure: 'Backend throughput (requests/s)',
        value: c.subject.rps.toFixed(0),
        baseline: `${c.baseline.rps.toFixed(0)} (bare pass-through proxy)`,
        ratio: throughput,
        target: '≥ 0.9×',
        met: throughput >= 0.9,
      },
      {
        figure: 'Backend p99 latency',
        value: `${c.subject.p99.toFixed(1)} ms`,
        baseline: `${c.baseline.p99.toFixed(1)} ms (bare pass-through proxy)`,
        ratio: ratioOf(c.subject.p99, c.baseline.p99),
        target: '— (reported)',
        met: undefined,
      },
    ],
    notes: [
      `Backend: \`createRoomTokenHandler\` (authorize passes each request through) and a bare proxy (reads the body, forwards it to the fake with \`fetch\`, returns its answer), each served with \`serveOnLoopback\` on 127.0.0.1 in front of a fresh in-process fake. ${describeComparison(c, 'the handler', 'the proxy')}`,
    ],
  };
}
