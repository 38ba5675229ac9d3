// The body limit is enforced while reading: a declared length over it is refused before any
// byte is read, and a streamed body is cut off as soon as it passes the limit.
import * as http from 'node:http';
import { createRequestListener } from '@remix-run/node-fetch-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import { createFakeTokenService } from '../../src/testing';
import { API_KEY, allowAll, createBody, expectConnectError, guardTheKey, readAnswer, send, startHandler } from './support';

guardTheKey();

const CHUNK = 1024;

/** A body that never ends on its own; it counts the chunks pulled from it and notes a cancel. */
function endlessBody() {
  const seen = { pulled: 0, canceled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += 1;
      controller.enqueue(new TextEncoder().encode(' '.repeat(CHUNK)));
    },
    cancel() {
      seen.canceled = true;
    },
  });
  return { stream, seen };
}

/** A valid Create body padded with white space to exactly `size` bytes. */
function paddedBody(size: number): string {
  const json = JSON.stringify(createBody({ user_id: 'user-1', room_id: 'room-1' }));
  return json + ' '.repeat(size - json.length);
}

describe('given a declared Content-Length', () => {
  it('takes a body of exactly maxBodyBytes', async () => {
    const { url } = await startHandler({ maxBodyBytes: 512 });
    const answer = await send(url, { body: paddedBody(512), headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
  });

  it('answers one byte more with 413 resource_exhausted', async () => {
    const { url, fake } = await startHandler({ maxBodyBytes: 512 });
    const answer = await send(url, { body: paddedBody(513), headers: { 'content-type': 'application/json' } });
    expectConnectError(answer, 413, 'resource_exhausted');
    expect(fake.calls).toHaveLength(0);
  });

  it('uses 16 KiB by default', async () => {
    const { url } = await startHandler();
    const fits = await send(url, { body: paddedBody(16 * 1024), headers: { 'content-type': 'application/json' } });
    const over = await send(url, { body: paddedBody(16 * 1024 + 1), headers: { 'content-type': 'application/json' } });
    expect([fits.status, over.status]).toEqual([200, 413]);
  });

  it('answers 413 before the body is sent when the declared length is over the limit', async () => {
    const { url, fake } = await startHandler();
    // Declares a megabyte and sends not one byte of it: only an early answer can arrive.
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(`${url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024) },
      });
      request.on('response', resolve);
      request.on('error', reject);
      request.flushHeaders();
      onTestFinished(() => void request.destroy());
    });
    let text = '';
    for await (const chunk of response) text += String(chunk);
    const answer = await readAnswer(
      new Response(text, { status: response.statusCode, headers: response.headers as Record<string, string> }),
    );
    expectConnectError(answer, 413, 'resource_exhausted');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('given a streamed body with no Content-Length', () => {
  it('cuts off an endless body over loopback and answers 413', async () => {
    const { url, fake } = await startHandler();
    const { stream } = endlessBody();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    // Reaching this line at all proves it: the body never ends, so it was not read whole.
    expectConnectError(await readAnswer(response), 413, 'resource_exhausted');
    expect(fake.calls).toHaveLength(0);
  });

  it('cuts off an endless body served through a Node adapter (node-fetch-server)', async () => {
    const { fake, url: upstream } = await (async () => {
      const service = createFakeTokenService({ apiKey: API_KEY });
      const server = await service.listen();
      onTestFinished(() => server.close());
      return { fake: service, url: server.url };
    })();
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream });
    const server = http.createServer(createRequestListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    const { port } = server.address() as { port: number };

    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endlessBody().stream,
      duplex: 'half',
    } as RequestInit);
    expectConnectError(await readAnswer(response), 413, 'resource_exhausted');
    expect(fake.calls).toHaveLength(0);
  });

  it('stops pulling an endless body just past the limit and cancels it', async () => {
    const fake = createFakeTokenService({ apiKey: API_KEY });
    const handler = createRoomTokenHandler({
      apiKey: API_KEY,
      authorize: allowAll,
      maxBodyBytes: 4 * CHUNK,
      // The fake's own handler, called in process: Node's and the DOM's Request types differ.
      fetch: (input, init) => fake.handle(new Request(input as RequestInfo, init)),
    });
    const { stream, seen } = endlessBody();
    const request = new Request('http://app.test/api/room-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expectConnectError(await readAnswer(await handler(request)), 413, 'resource_exhausted');
    expect(seen.canceled).toBe(true);
    // Five chunks pass 4 KiB; the stream may have queued one more ahead of the reader.
    expect(seen.pulled).toBeLessThanOrEqual(6);
    expect(fake.calls).toHaveLength(0);
  });
});
