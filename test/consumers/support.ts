// What the consumer projects' tests share: where run.ts installed each project, processes
// they start and stop, free ports. Code taken from the docs: test/docs/docBlocks.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Generous bound for anything this loaded 2-core machine does: a build, a server start, a page. */
export const PATIENCE_MS = 180_000;

/** The folder where run.ts installed a consumer project (with the packed tarball). */
export function installed(name: string): string {
  const work = process.env.RRT_CONSUMERS_DIR;
  if (!work) throw new Error('RRT_CONSUMERS_DIR is not set: run the consumer tests with `npm run test:consumers`');
  return join(work, name);
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface Started {
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves its exit code once it has exited. */
  readonly exited: Promise<number | null>;
  /** Ends it (and its children) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts a command in its own process group, recording its output. */
export function start(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Started {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => {
    child.once('error', (error) => {
      output += `\n${String(error)}`;
      done(null);
    });
    child.once('close', (code) => done(code));
  });
  let stopped: Promise<void> | undefined;
  return {
    output: () => output,
    exited,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
        const signal = (name: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, name);
          } catch {
            // Already gone.
          }
        };
        signal('SIGTERM');
        const killer = setTimeout(() => signal('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      })()),
  };
}

/** Runs a command to its end; rejects with everything it printed unless it exits 0. */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const started = start(command, args, options);
  const code = await within(started.exited, PATIENCE_MS, `${command} ${args.join(' ')}`).catch(async (error: unknown) => {
    await started.stop();
    throw error;
  });
  if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` exited with ${code}:\n${started.output()}`);
  return started.output();
}

/** Rejects after `ms` unless the promise settles first. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until a server started as `server` answers `url` over HTTP (any status). */
export async function waitForHttp(url: string, server: Started): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the server for ${url} exited (${exitCode}) before it answered:\n${server.output()}`);
    const answered = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
      async (response) => (await response.arrayBuffer(), true),
      () => false,
    );
    if (answered) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not answer within ${PATIENCE_MS / 1000} s:\n${server.output()}`);
}
