/**
 * A running loopback server.
 *
 * @example
 * const server: FakeServer = await createFakeTokenService().listen();
 * await fetch(`${server.url}${CREATE_PATH}`, init);
 * await server.close();
 */
export interface FakeServer {
  /** The server's base URL, such as `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  /** Stops accepting, ends open connections and in-flight handlers, then resolves. */
  close(): Promise<void>;
}

/**
 * Serves a Fetch-API handler over HTTP on 127.0.0.1. A handler that rejects makes the
 * connection drop, as a crashed upstream would. Node only: `node:http` is loaded on call,
 * so the module that holds this stays importable in a browser.
 */
export async function serveOnLoopback(
  handle: (request: Request) => Promise<Response>,
  port = 0,
): Promise<FakeServer> {
  const http = await import('node:http');
  const { Readable } = await import('node:stream');
  const inFlight = new Set<AbortController>();
  let actualPort = port;

  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    res.on('close', () => {
      inFlight.delete(controller);
      // The client went away before the answer was complete: let the handler stop waiting.
      if (!res.writableFinished) controller.abort();
    });
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const withBody = method !== 'GET' && method !== 'HEAD';
    let request: Request;
    try {
      // The server's own address, not the Host header: a malformed one must not crash it.
      request = new Request(`http://127.0.0.1:${actualPort}${req.url ?? '/'}`, {
        method,
        headers,
        body: withBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        signal: controller.signal,
        // Node needs this to stream a request body.
        duplex: 'half',
      } as RequestInit);
    } catch {
      res.writeHead(400).end();
      return;
    }

    handle(request).then(
      async (response) => {
        const out: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          if (name !== 'set-cookie') out[name] = value;
        });
        // Not every Headers has getSetCookie (a DOM test environment may replace the global).
        const cookies = response.headers.getSetCookie?.() ?? [];
        if (cookies.length > 0) out['set-cookie'] = cookies;
        // The handler stopped reading the body before its end (an early 413): the rest would
        // stall the next request on this keep-alive connection, so the connection ends here.
        if (req.destroyed && !req.complete) out.connection = 'close';
        res.writeHead(response.status, out);
        if (response.body) {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        }
        res.end();
      },
      () => req.socket.destroy(),
    ).catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a page (or a benchmark) that mounts a thousand gates at once opens a
    // thousand connections together, past Node's default backlog of 511.
    server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => resolve());
  });
  const address = server.address();
  if (typeof address === 'object' && address) actualPort = address.port;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
