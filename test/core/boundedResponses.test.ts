// Issue 12, item 1: the client reads every answer with a limit, while reading. A 200 that is
// too large, endless or undecodable is `internal` (status 200, not retryable), never a token;
// an error body is read with a limit too. Each case over loopback, from a hostile server.
import { describe, expect, it } from 'vitest';
import { CREATE_PATH, createRoomMemberTokens, type TokenRequest } from '../../src/core';
import { rejection } from '../helpers/fakeServer';
import { MiB, memoryWatch } from '../helpers/memory';
import { gzipBomb, rawServerForTest, writeRepeated } from '../helpers/rawServer';

const request: TokenRequest = { roomId: 'r1', userId: 'u1' };
const KEY = 'sk-bounded-0123456789abcdef';
const encoder = new TextEncoder();

/** A hostile upstream answering 200 with a body of `total` bytes of `"A"` inside a token list; it counts what it wrote. */
async function hugeTokenServer(total: number) {
  const written = { bytes: 0 };
  const server = await rawServerForTest((_req, res) => {
    const head = encoder.encode('{"tokens":["');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total + head.byteLength + 3) });
    res.write(head);
    const chunk = encoder.encode('A'.repeat(64 * 1024));
    const write = res.write.bind(res);
    res.write = ((piece: Uint8Array, ...rest: never[]) => ((written.bytes += piece.byteLength), write(piece, ...rest))) as typeof res.write;
    writeRepeated(res, chunk, total);
  });
  return { ...server, written };
}

describe('given a 200 too large to be a token answer', () => {
  it('a 100 MB "token" is internal with status 200, not retryable, and is read only to the limit', async () => {
    const memory = memoryWatch();
    const { url, written, requests } = await hugeTokenServer(100 * 1000 * 1000);

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 60_000 }));
    memory.sample();

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
    expect(error.message).toContain('larger than 1048576 bytes');
    expect(requests()).toBe(1);
    // The server stops once the client has gone: what it got out is the limit plus what the
    // sockets buffered, far from the 100 MB it meant to send.
    expect(written.bytes).toBeLessThan(32 * MiB);
    expect(memory.retained()).toBeLessThan(16 * MiB);
  });

  it('an endless 200 is internal, and the call ends', async () => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"tokens":["');
      writeRepeated(res, encoder.encode('B'.repeat(16 * 1024)));
    });

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 60_000 }));

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
  });

  it('a gzip bomb (512 MiB once inflated, 0.5 MiB sent) is internal, not retryable, and never held whole', async () => {
    const bomb = gzipBomb(512);
    const memory = memoryWatch();
    const { url, requests } = await rawServerForTest((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) });
      res.end(bomb);
    });

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 60_000 }));
    memory.sample();

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
    expect(requests()).toBe(1);
    expect(memory.peak()).toBeLessThan(128 * MiB);
    expect(memory.retained()).toBeLessThan(16 * MiB);
  });

  it('counts the limit after decompression: 2 MiB of gzip-inflated JSON is too large, though 2 KiB travel', async () => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipBomb(2));
    });

    const error = await rejection(createRoomMemberTokens([request], { url }));

    expect(error).toMatchObject({ code: 'internal', status: 200 });
    expect(error.message).toContain('larger than');
  });

  it('takes an answer of exactly maxResponseBytes, and refuses one byte more', async () => {
    const token = 'T'.repeat(100);
    const exact = JSON.stringify({ tokens: [token] });
    const { url } = await rawServerForTest((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/over' ? `${exact} ` : exact);
    });

    await expect(createRoomMemberTokens([request], { url: `${url}/exact`, maxResponseBytes: exact.length })).resolves.toEqual([token]);
    const error = await rejection(createRoomMemberTokens([request], { url: `${url}/over`, maxResponseBytes: exact.length }));
    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
  });

  it('refuses a maxResponseBytes that cannot be meant, before anything is sent', async () => {
    const { url, requests } = await rawServerForTest((_req, res) => res.end());

    for (const maxResponseBytes of [0, -1, Number.NaN]) {
      const error = await rejection(createRoomMemberTokens([request], { url, maxResponseBytes }));
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toContain('maxResponseBytes');
    }
    expect(requests()).toBe(0);
  });
});

describe('given a 200 that does not decode', () => {
  it.each([
    ['gzip that is not gzip', 'gzip'],
    ['deflate that is not deflate', 'deflate'],
    ['brotli that is not brotli', 'br'],
  ])('%s is internal, status 200, not retryable', async (_name, encoding) => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end('{"tokens":["not compressed at all"]}');
    });

    const error = await rejection(createRoomMemberTokens([request], { url }));

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
    expect(error.message).toContain('could not be decoded');
  });

  it('bytes that are not UTF-8 are internal, never a token with U+FFFD in it', async () => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from('{"tokens":["abc'), Buffer.from([0xff, 0xfe]), Buffer.from('"]}')]));
    });

    const error = await rejection(createRoomMemberTokens([request], { url }));

    expect(error).toMatchObject({ code: 'internal', status: 200, retryable: false });
  });
});

describe('given an error answer with a huge body', () => {
  it('a 503 with 200 MB of text is unavailable from its status, with a short message', async () => {
    const memory = memoryWatch();
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      writeRepeated(res, encoder.encode('overloaded '.repeat(6000)), 200 * 1000 * 1000);
    });

    const error = await rejection(createRoomMemberTokens([request], { url, timeoutMs: 60_000 }));

    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryable: true });
    expect(error.message).toBe(`the token service answered HTTP 503 (unavailable) (POST ${url}/)`);
    expect(memory.retained()).toBeLessThan(16 * MiB);
  });

  it('a Connect error with a 500 KB message keeps 200 characters of it, with the key cut out before the cut', async () => {
    const said = `${'x'.repeat(190)}${KEY}${'y'.repeat(500_000)}`;
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'failed_precondition', message: said }));
    });

    const error = await rejection(createRoomMemberTokens([request], { url, apiKey: KEY }));

    expect(error.code).toBe('failed_precondition');
    expect(error.message).toBe(`${'x'.repeat(190)}[redact... (POST ${url}/)`);
    for (let i = 0; i + 8 <= KEY.length; i++) expect(error.message).not.toContain(KEY.slice(i, i + 8));
  });

  it('an error body over maxResponseBytes keeps only its status', async () => {
    const { url } = await rawServerForTest((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'invalid_argument', message: 'z'.repeat(4096) }));
    });

    const error = await rejection(createRoomMemberTokens([request], { url, maxResponseBytes: 1024 }));

    expect(error).toMatchObject({ code: 'permission_denied', status: 403 });
  });
});

describe('given the upstream at its documented path', () => {
  it('a huge answer from baseUrl is refused the same way', async () => {
    const { url, requests } = await hugeTokenServer(8 * MiB);

    const error = await rejection(createRoomMemberTokens([request], { baseUrl: url, apiKey: 'sk-test-key' }));

    expect(error).toMatchObject({ code: 'internal', status: 200 });
    expect(error.message).toContain(`(POST ${url}${CREATE_PATH})`);
    expect(requests()).toBe(1);
  });
});
