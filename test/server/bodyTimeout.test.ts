// Issue 19, item 4: a body that trickles in is not held for minutes (Node's own
// requestTimeout, 300 s and a bare 408): past `bodyTimeoutMs` the handler answers 408 as a
// Connect `deadline_exceeded` error and the connection is closed. Over real HTTP on loopback,
// with a raw client that sends one byte of its declared body at a time.
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { guardTheKey, startHandler } from './support';

guardTheKey();

/** A raw HTTP/1.1 client that declares a 1000-byte body and sends one byte of it every 50 ms. */
function drip(url: string) {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    clearInterval(timer);
  });
  socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
  const timer = setInterval(() => socket.writable && socket.write(' '), 50);
  onTestFinished(() => {
    clearInterval(timer);
    socket.destroy();
  });
  return { received: () => received, closed: () => closed };
}

describe('given a body that trickles in', () => {
  it('answers 408 deadline_exceeded past bodyTimeoutMs, closes the connection, and calls no upstream', async () => {
    const { url, fake } = await startHandler({ bodyTimeoutMs: 300 });

    const client = drip(url);

    await vi.waitFor(() => expect(client.closed()).toBe(true), { timeout: 30_000, interval: 50 });
    const [head, body] = client.received().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head!.toLowerCase()).toContain('connection: close');
    expect(head!.toLowerCase()).toContain('cache-control: no-store');
    // The JSON error, whatever framing (length or chunks) carries it.
    expect(JSON.parse(/\{[^]*\}/.exec(body!)![0])).toEqual({ code: 'deadline_exceeded', message: 'the body was not received within 300 ms' });
    expect(fake.calls).toHaveLength(0);
  }, 60_000);

  it('waits 10 s by default, and refuses a bodyTimeoutMs that cannot be meant', () => {
    for (const bodyTimeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
      expect(() => createRoomTokenHandler({ apiKey: 'k', authorize: () => false, bodyTimeoutMs })).toThrow(/bodyTimeoutMs/);
    }
    expect(() => createRoomTokenHandler({ apiKey: 'k', authorize: () => false, bodyTimeoutMs: Infinity })).not.toThrow();
  });
});
