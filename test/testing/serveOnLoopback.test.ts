import { describe, expect, it, vi } from 'vitest';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { serveForTest } from '../helpers/fakeServer';

describe('serveOnLoopback', () => {
  it('serves a Fetch-API handler on 127.0.0.1 with method, path, query, headers and body', async () => {
    const url = await serveForTest(async (request) => {
      const { pathname, search } = new URL(request.url);
      return Response.json({ method: request.method, pathname, search, header: request.headers.get('x-demo'), body: await request.text() });
    });

    const response = await fetch(`${url}/a/b?c=1`, { method: 'PUT', headers: { 'x-demo': 'yes' }, body: 'hello' });

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await response.json()).toEqual({ method: 'PUT', pathname: '/a/b', search: '?c=1', header: 'yes', body: 'hello' });
  });

  it('passes status, headers and every Set-Cookie through', async () => {
    const url = await serveForTest(async () => {
      const headers = new Headers({ 'x-one': '1' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('teapot', { status: 418, headers });
    });

    const response = await fetch(url);

    expect(response.status).toBe(418);
    expect(response.headers.get('x-one')).toBe('1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('teapot');
  });

  it('drops the connection when the handler rejects', async () => {
    const url = await serveForTest(() => Promise.reject(new Error('crashed')));

    await expect(fetch(url)).rejects.toThrow(TypeError);
  });

  it('tells the handler when the client goes away', async () => {
    const handlerSawAbort = vi.fn();
    let arrived!: () => void;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    const url = await serveForTest(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => {
            handlerSawAbort();
            reject(new Error('client left'));
          });
          arrived();
        }),
    );
    const client = new AbortController();

    const pending = fetch(url, { signal: client.signal });
    await inHandler;
    client.abort();

    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(handlerSawAbort).toHaveBeenCalledTimes(1));
  });

  it('refuses connections once closed', async () => {
    const server = await serveOnLoopback(async () => new Response('ok'));
    expect(await (await fetch(server.url)).text()).toBe('ok');

    await server.close();

    await expect(fetch(server.url)).rejects.toThrow(TypeError);
  });
});

describe('a malformed Host header', () => {
  it('is answered (the server builds URLs from its own address) and the server keeps serving', async () => {
    const { connect } = await import('node:net');
    const url = await serveForTest(async () => new Response('ok'));
    const port = Number(new URL(url).port);

    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });

    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(await (await fetch(url)).text()).toBe('ok');
  });
});
