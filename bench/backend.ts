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

interface LoadResult {
  rps: number;
  p99: number;
  ok: number;
  other: number;
}

/** Runs autocannon in a child process (so it does not share the servers' event loop) against `url`. */
function load(url: string, durationS: number): Promise<LoadResult> {
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

type Subject = 'handler' | 'proxy';

/** Starts a fresh fake and the server under test in front of it, loads it, stops both. */
async function measure(subject: Subject, durationS = DURATION_S): Promise<LoadResult> {
  // No run pays for garbage left by the run before it or by the groups before this one.
  globalThis.gc?.();
  const fake = await startFake();
  const handle =
    subject === 'handler'
      ? createRoomTokenHandler({ apiKey: API_KEY, authorize: (request) => request, baseUrl: fake.url })
      : async (request: Request) => {
          const upstream = await fetch(`${fake.url}${CREATE_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
            body: await request.text(),
          });
          return new Response(await upstream.text(), { status: upstream.status, headers: { 'content-type': 'application/json' } });
        };
  const server = await serveOnLoopback(handle);
  try {
    return await load(`${server.url}/api/room-token`, durationS);
  } finally {
    await server.close();
    await fake.close();
  }
}

/** Figure 4: the backend handler against a bare pass-through proxy, both in front of the fake. */
export async function benchBackend(): Promise<GroupResult> {
  // A B B A, twice: drift and other load on the machine fall on both alike.
  const order: Subject[] = ['handler', 'proxy', 'proxy', 'handler', 'handler', 'proxy', 'proxy', 'handler'];
  const results: Record<Subject, LoadResult[]> = { handler: [], proxy: [] };
  // Unmeasured: each side's code is compiled and optimised before any run counts. Without
  // this the first measured run, the handler's, also paid for compiling the handler, while
  // the proxy's fetch, server and fake were already warm from the groups before.
  for (const subject of ['handler', 'proxy'] as const) await measure(subject, WARMUP_RUN_S);
  for (const subject of order) {
    const run = await measure(subject);
    console.log(`bench: backend ${subject}: ${run.rps.toFixed(0)} requests/s, p99 ${run.p99} ms`);
    results[subject].push(run);
  }
  // Each handler run against the proxy run next to it: both saw about the same machine.
  const pairRatios = results.handler.map((run, i) => run.rps / results.proxy[i]!.rps);

  // Medians: one run hit by other work on the machine must not decide the figure.
  const summary = (subject: Subject) => ({
    rps: median(results[subject].map((r) => r.rps)),
    p99: median(results[subject].map((r) => r.p99)),
    ok: results[subject].reduce((a, r) => a + r.ok, 0),
    other: results[subject].reduce((a, r) => a + r.other, 0),
  });
  const handler = summary('handler');
  const proxy = summary('proxy');
  const throughput = median(pairRatios);
  return {
    rows: [
      {
        figure: 'Backend throughput (requests/s)',
        value: handler.rps.toFixed(0),
        baseline: `${proxy.rps.toFixed(0)} (bare pass-through proxy)`,
        ratio: throughput,
        target: '≥ 0.9×',
        met: throughput >= 0.9,
      },
      {
        figure: 'Backend p99 latency',
        value: `${handler.p99.toFixed(1)} ms`,
        baseline: `${proxy.p99.toFixed(1)} ms (bare pass-through proxy)`,
        ratio: ratioOf(handler.p99, proxy.p99),
        target: '— (reported)',
        met: undefined,
      },
    ],
    notes: [
      `Backend: \`createRoomTokenHandler\` (authorize passes each request through) and a bare proxy (reads the body, forwards it to the fake with \`fetch\`, returns its answer), each served with \`serveOnLoopback\` on 127.0.0.1 in front of a fresh in-process fake. autocannon runs in a child process: ${CONNECTIONS} connections, POST of a valid one-token body, ${WARMUP_S} s warm-up then ${DURATION_S} s measured, after one unmeasured ${WARMUP_RUN_S} s run of each (so that neither side's measured runs include compiling its code) and with a full GC before every run, in the order ${order.join(', ')}; figures are the medians over the runs of each (of requests/s, and of each run's p99), and the throughput ratio is the median of the four ratios of a handler run to the proxy run next to it (${pairRatios.map((r) => r.toFixed(2)).join(', ')}), so that load from outside the benchmark, which comes and goes, falls on both sides of each ratio; runs: ${results.handler.map((r) => r.rps.toFixed(0)).join(', ')} requests/s for the handler, ${results.proxy.map((r) => r.rps.toFixed(0)).join(', ')} for the proxy. Responses: handler ${handler.ok} 2xx and ${handler.other} other (non-2xx, errors, timeouts); proxy ${proxy.ok} 2xx and ${proxy.other} other.`,
    ],
  };
}
