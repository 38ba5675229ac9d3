import { cpus, totalmem, platform, release } from 'node:os';
import { createRequire } from 'node:module';
import { createElement, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Profiler } from 'react';
import { BroadcastJoinGate } from '../src';
import { CREATE_PATH } from '../src/core/constants';
import { createFakeTokenService, type FakeTokenService } from '../src/testing';

/** A made-up key the fake accepts; never printed. */
export const API_KEY = 'bench-key-not-a-secret';

/** One row of RESULTS.md. */
export interface Row {
  figure: string;
  /** The package's figure, formatted. */
  value: string;
  /** The baseline's figure, formatted, with what the baseline is. */
  baseline: string;
  /** package ÷ baseline, or undefined when the baseline is 0. */
  ratio: number | undefined;
  target: string;
  /** undefined for a figure that is reported with no target. */
  met: boolean | undefined;
}

/** What a figure group hands back: its rows and notes for RESULTS.md. */
export interface GroupResult {
  rows: Row[];
  notes: string[];
  /** Tables of their own (markdown, each starting with a `##` heading), after the main table. */
  sections?: string[];
}

export const h = createElement;

/** Waits one timer turn (Node clamps 0 to 1 ms). */
export const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Lets the package finish an unmount: its release runs on a timer, and a late answer is
 * dropped on the timer after that.
 */
export async function settle(): Promise<void> {
  await macrotask();
  await macrotask();
}

/** Rejects when `promise` takes longer than `ms`, so a stuck figure cannot hang the run. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

export const ratioOf = (value: number, baseline: number): number | undefined => (baseline === 0 ? undefined : value / baseline);

/** The package's fake upstream on a 127.0.0.1 port. */
export async function startFake(): Promise<{
  fake: FakeTokenService;
  url: string;
  /** The Create URL on the fake: it speaks the same contract as a backend endpoint. */
  createUrl: string;
  /** Create calls (POSTs) received so far. */
  creates: () => number;
  close: () => Promise<void>;
}> {
  // Every call kept: the benchmarks count Create calls over thousands of requests.
  const fake = createFakeTokenService({ apiKey: API_KEY, maxRecorded: Infinity });
  const server = await fake.listen();
  return {
    fake,
    url: server.url,
    createUrl: `${server.url}${CREATE_PATH}`,
    creates: () => fake.calls.filter((call) => call.method === 'POST').length,
    close: () => server.close(),
  };
}

/** The Create body the gate sends for a room and user (no permissions, `mcuStream: "true"`). */
export function gateBody(roomId: string, userId: string): string {
  return JSON.stringify({ arguments: [{ user_id: userId, room_id: roomId, metadata: { mcuStream: 'true' }, permissions: [] }] });
}

/**
 * The same Create call the gate makes, written by hand as a careful app would: `fetch` with
 * the same body and headers, a timeout, a status check and a shape check — the fair baseline
 * for the package, which does all of these.
 */
export function handFetch(createUrl: string, roomId: string, userId: string) {
  return async (signal: AbortSignal): Promise<string> => {
    const response = await fetch(createUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: gateBody(roomId, userId),
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { tokens?: unknown };
    const token = Array.isArray(body.tokens) && body.tokens.length === 1 ? body.tokens[0] : undefined;
    if (typeof token !== 'string' || !token) throw new Error('no token in the answer');
    return token;
  };
}

/**
 * The baseline: what an app writes without the package. `load` must be stable (it is the
 * effect's only dependency); a new mount asks again.
 */
export function HandWrittenGate({
  load,
  children,
}: {
  load: (signal: AbortSignal) => Promise<string>;
  /** Unused: there so a parent can change an unrelated prop, as with the provider. */
  timeoutMs?: number;
  children: ReactNode | ((token: string) => ReactNode);
}): ReactNode {
  const [token, setToken] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(setToken, () => undefined);
    return () => controller.abort();
  }, [load]);
  // The gate's default fallback, element for element, so only the token logic differs.
  if (token === undefined) return h('div', { role: 'status', 'aria-live': 'polite' }, 'Joining the broadcast…');
  return typeof children === 'function' ? children(token) : children;
}

/** A child that reports when it is on screen (its layout effect runs in the commit that shows it). */
export function Shown({ token, onShown }: { token: string; onShown: () => void }): ReactNode {
  useLayoutEffect(() => onShown(), [onShown]);
  return h('p', null, token);
}

/** A fresh root in a fresh container attached to the document. */
export function freshRoot(): { root: Root; dispose: () => void } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  return {
    root,
    dispose: () => {
      root.unmount();
      container.remove();
    },
  };
}

/** A promise and its resolve, for "wait until this many children are on screen". */
export function countdown(n: number): { tick: () => void; done: Promise<void> } {
  let left = n;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  if (n <= 0) resolve();
  return {
    tick: () => {
      if (--left === 0) resolve();
    },
    done,
  };
}

const requireCjs = createRequire(import.meta.url);
const versionOf = (name: string) => (requireCjs(`${name}/package.json`) as { version: string }).version;

/** The machine and software the figures were measured on. */
export function machine(): string[] {
  const cpuList = cpus();
  return [
    `Node ${process.version} on ${platform()} ${release()}`,
    `CPU: ${cpuList[0]?.model.trim() ?? 'unknown'}, ${cpuList.length} cores`,
    `Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `react ${versionOf('react')}, react-dom ${versionOf('react-dom')}, swr ${versionOf('swr')}, jsdom ${versionOf('jsdom')}, autocannon ${versionOf('autocannon')}; React build: ${process.env.NODE_ENV === 'production' ? 'production' : 'development'}`,
  ];
}

export const fmtMs = (ms: number) => `${ms.toFixed(2)} ms`;
export const fmtBytes = (bytes: number) =>
  Math.abs(bytes) >= 1024 * 1024 ? `${(bytes / 2 ** 20).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;

/** A tree to mount, told how to report that its child shows a token. */
export type Tree = (onShown: () => void) => ReactNode;

/** The package's gate and the hand-written baseline, asking the fake for the same token. */
export function gateAndHandWritten(createUrl: string, roomId: string, userId: string): { gate: Tree; byHand: Tree } {
  const headers = { authorization: `Bearer ${API_KEY}` };
  const children = (onShown: () => void) => (token: string) => h(Shown, { token, onShown });
  const load = handFetch(createUrl, roomId, userId);
  return {
    gate: (onShown) => h(BroadcastJoinGate, { endpoint: createUrl, headers, roomId, userId, children: children(onShown) }),
    byHand: (onShown) => h(HandWrittenGate, { load, children: children(onShown) }),
  };
}


// Commits are counted with react-dom's profiling build (production react-dom calls no
// Profiler callbacks); times are taken with the production build.
const profiling = requireCjs('react-dom/profiling') as typeof import('react-dom/client');

/**
 * Commits (`React.Profiler` `onRender` calls) of `node` from `render` until `shown` settles,
 * plus two timer turns: `node` is made with the `onShown` it must call (once, or once per child).
 */
export async function profiledCommits(node: (onShown: () => void) => ReactNode, shown: { tick: () => void; done: Promise<void> }, what: string): Promise<number> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = profiling.createRoot(container);
  let commits = 0;
  root.render(createElement(Profiler, { id: 'profiled', onRender: () => commits++ }, node(shown.tick)));
  await withTimeout(shown.done, 60_000, what);
  // onRender runs after the children's layout effects; later commits would count too.
  await settle();
  const counted = commits;
  root.unmount();
  container.remove();
  await settle();
  return counted;
}

/** N elements for the rooms named, each calling `onShown` once its child shows a token. */
export type Trees = (createUrl: string, rooms: string[], onShown: () => void) => ReactNode;

/** One timed mount: ms from `render` until every child shows a token, the process's CPU ms until the unmount settled, and Create calls made. */
export interface TimedMount {
  ms: number;
  cpuMs: number;
  calls: number;
}

/**
 * A fake on 127.0.0.1 and the one way the benchmarks mount N rooms on it: `rooms(n)` names N
 * rooms never seen before (so every mount mints anew), and `mountOnce` mounts them in a fresh
 * root, times them, then unmounts fully and lets the package release its entries.
 */
export async function mounter(): Promise<{ createUrl: string; rooms: (n: number) => string[]; mountOnce: (trees: Trees, n: number) => Promise<TimedMount>; close: () => Promise<void> }> {
  const fake = await startFake();
  let mount = 0;
  const rooms = (n: number) => Array.from({ length: n }, (_, i) => `room-${++mount}-${i}`);
  return {
    createUrl: fake.createUrl,
    rooms,
    async mountOnce(trees, n) {
      const before = fake.creates();
      const cpu = process.cpuUsage();
      const { root, dispose } = freshRoot();
      const shown = countdown(n);
      let shownAt = 0;
      const start = performance.now();
      root.render(
        trees(fake.createUrl, rooms(n), () => {
          shown.tick();
          shownAt = performance.now();
        }),
      );
      await withTimeout(shown.done, 60_000, `a mount of ${n} rooms`);
      const ms = shownAt - start;
      dispose();
      await settle();
      const used = process.cpuUsage(cpu);
      return { ms, cpuMs: (used.user + used.system) / 1000, calls: fake.creates() - before };
    },
    close: fake.close,
  };
}
