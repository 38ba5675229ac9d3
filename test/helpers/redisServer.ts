// A redis-server of our own on a free loopback port, for the tests and the benchmark: no
// test depends on a Redis already running, and none skips when it cannot start one.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** The binary: Debian's `redis-server` (`apt-get install -y redis-server`; `.ci/run` does). */
const BINARY = process.env.REDIS_SERVER ?? 'redis-server';
/** Generous: a loaded 2-core machine can take seconds to start a process. */
const START_WITHIN_MS = 30_000;

/** A running redis-server of our own. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for ioredis. */
  readonly url: string;
  /** Stops it (SIGKILL: like a crash, no goodbye to clients) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it answers PING. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as with a hung host. */
  pause(): void;
  /** Unfreezes it (SIGCONT). */
  resume(): void;
}

const running = new Set<ChildProcess>();
// A test run that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves true when the server on `port` answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Spawns redis-server on `port` and waits for PONG; rejects with what it printed if it cannot. */
async function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run ${BINARY}: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`${BINARY} exited (${signal ?? `code ${code}`})`));
  });
  let gone: string | undefined;
  void ended.then((why) => (gone = why));
  running.add(child);
  child.once('exit', () => running.delete(child));

  const deadline = Date.now() + START_WITHIN_MS;
  while (gone === undefined && Date.now() < deadline) {
    if (await pong(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  const why = gone ?? `no PONG from ${BINARY} on 127.0.0.1:${port} within ${START_WITHIN_MS} ms`;
  throw new Error(
    `These tests need a redis-server of their own and could not start one: ${why}.\n` +
      `Install it with \`apt-get install -y redis-server\` (.ci/run does), or set REDIS_SERVER to its path.\n${output.trim()}`,
  );
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a redis-server with persistence off (`--save '' --appendonly no`) on a free
 * 127.0.0.1 port and waits until it answers PING. Stop it with `stop()`.
 *
 * @example
 * const redis = await startRedisServer();
 * const client = new Redis(redis.url);
 * await redis.stop();
 */
export async function startRedisServer(): Promise<RedisServer> {
  let child: ChildProcess | undefined;
  let port = 0;
  // The free port is found then released: another process may take it first, so try again.
  for (let attempt = 1; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('Address already in use')) throw error;
    }
  }
  const current = () => child!;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      current().kill('SIGCONT');
      current().kill('SIGKILL');
      await exited(current());
    },
    async restart() {
      await exited(current());
      child = await launch(port);
    },
    pause: () => void current().kill('SIGSTOP'),
    resume: () => void current().kill('SIGCONT'),
  };
}
