import { Suspense, type ReactNode } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RoomTokenProvider, useSuspenseRoomMemberToken } from '../../src';
import { startFake } from './helpers';

const request = { roomId: 'ssr-room', userId: 'u1', metadata: { mcuStream: 'true' } };

function Stage({ initialToken }: { initialToken?: string }) {
  const { token } = useSuspenseRoomMemberToken(request, { initialToken });
  return <p>joined with {token}</p>;
}

const page = (endpoint: { endpoint: string }, children: ReactNode, initialTokens?: { request: typeof request; token: string }[]) => (
  <RoomTokenProvider {...endpoint} initialTokens={initialTokens}>
    <Suspense fallback={<p role="status">Joining…</p>}>{children}</Suspense>
  </RoomTokenProvider>
);

/** The whole HTML of a streamed render, and the errors React reported to `onError`. */
function renderToStream(element: ReactNode): Promise<{ html: string; errors: unknown[] }> {
  return new Promise((resolve, reject) => {
    let html = '';
    const errors: unknown[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
      final(done) {
        resolve({ html, errors });
        done();
      },
    });
    const stream = renderToPipeableStream(element, {
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: (error) => void errors.push(error),
    });
  });
}

describe('useSuspenseRoomMemberToken in a server render', () => {
  it('without a server-minted token: no request, and the HTML holds the fallback (renderToString)', async () => {
    const { endpoint, creates } = await startFake();
    const html = renderToString(page(endpoint, <Stage />));
    expect(html).toContain('Joining…');
    expect(html).not.toContain('joined with');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(creates()).toHaveLength(0);
  });

  it('without a server-minted token: no request, and the streamed HTML ends with the fallback (renderToPipeableStream)', async () => {
    const { endpoint, creates } = await startFake();
    const { html, errors } = await renderToStream(page(endpoint, <Stage />));
    expect(html).toContain('Joining…');
    expect(html).not.toContain('joined with');
    // React is told why the boundary is left to the client.
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/no token minted on the server/) })]);
    expect(creates()).toHaveLength(0);
  });

  it('with the initialToken option: the HTML holds the children', async () => {
    const { endpoint, creates } = await startFake();
    const html = renderToString(page(endpoint, <Stage initialToken="server-token-1" />));
    expect(html).toContain('joined with <!-- -->server-token-1');
    expect(html).not.toContain('Joining…');
    const streamed = await renderToStream(page(endpoint, <Stage initialToken="server-token-2" />));
    expect(streamed.html).toContain('server-token-2');
    expect(streamed.errors).toEqual([]);
    expect(creates()).toHaveLength(0);
  });

  it("with the provider's initialTokens: the HTML holds the children", async () => {
    const { endpoint, creates } = await startFake();
    const { html, errors } = await renderToStream(page(endpoint, <Stage />, [{ request, token: 'server-token-3' }]));
    expect(html).toContain('server-token-3');
    expect(html).not.toContain('Joining…');
    expect(errors).toEqual([]);
    expect(creates()).toHaveLength(0);
  });
});
