// A hostile upstream: a bare node:http server on a free loopback port whose every byte the
// test writes itself (statuses, headers, encodings, truncated or endless bodies, redirects).
import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import { onTestFinished } from 'vitest';

export type RawHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A running raw server: its base URL, how many requests it got, and `close`. */
export interface RawServer {
  url: string;
  requests: () => number;
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 (a free port) until `close`. */
export async function startRawServer(handle: RawHandler): Promise<RawServer> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    // A hostile server may never read what it is sent; errors of a broken socket are expected.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** {@link startRawServer}, closed when the current test finishes. */
export async function rawServerForTest(handle: RawHandler): Promise<RawServer> {
  const server = await startRawServer(handle);
  onTestFinished(() => server.close());
  return server;
}

/**
 * Writes `chunk` again and again, respecting back-pressure, until `total` bytes are out (then
 * ends) or the client goes away: a huge body without holding it, or an endless one.
 */
export function writeRepeated(res: http.ServerResponse, chunk: Uint8Array, total = Infinity): void {
  // Node ignores writes to an answer that cannot have a body and says they went through: an
  // endless loop of them would only fill the process with callbacks.
  if (res.statusCode === 204 || res.statusCode === 304 || res.req.method === 'HEAD') return void res.end();
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      const piece = total - sent < chunk.byteLength ? chunk.subarray(0, total - sent) : chunk;
      sent += piece.byteLength;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

// One gzip member of 1 MiB of zeros is about 1 KiB; gzip readers take members one after the other.
const ZEROS_MEMBER = gzipSync(Buffer.alloc(1024 * 1024));

/** A gzip body of about `mib` KiB that inflates to `mib` MiB of zeros. */
export function gzipBomb(mib: number): Buffer {
  return Buffer.concat(Array.from({ length: mib }, () => ZEROS_MEMBER));
}
