// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { batchRequests, BroadcastJoinGate, RoomTokenProvider } from '../../src';
import { createRoomTokenHandler, type AuthorizeTokenRequest } from '../../src/server';
import { createFakeTokenService } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';

const SERVER_KEY = 'server-side-key-never-in-the-browser';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** The fake upstream on loopback, and in front of it your backend with this policy. */
async function startBackend(authorize: AuthorizeTokenRequest) {
  const upstream = createFakeTokenService({ apiKey: SERVER_KEY });
  const upstreamServer = await upstream.listen();
  const backend = await serveOnLoopback(createRoomTokenHandler({ apiKey: SERVER_KEY, baseUrl: upstreamServer.url, authorize }));
  open.push(upstreamServer, backend);
  return { upstream, backendUrl: backend.url };
}

describe('end to end: gate → your backend (createRoomTokenHandler) → the upstream (fake)', () => {
  it('joins with a token the backend minted under its policy, batching tiles into one call each way', async () => {
    // The session decides who the user is and who may broadcast.
    const { upstream, backendUrl } = await startBackend((asked, { headers }) => {
      const user = headers.get('x-session');
      if (!user) return false;
      const streamer = user === 'alice';
      return { roomId: asked.roomId, userId: user, metadata: streamer ? { mcuStream: 'true' } : undefined, permissions: [] };
    });

    render(
      <RoomTokenProvider endpoint={`${backendUrl}/api/room-token`} headers={{ 'x-session': 'alice' }} batch={batchRequests()}>
        {['stage-1', 'stage-2'].map((roomId) => (
          <BroadcastJoinGate key={roomId} roomId={roomId} userId="whoever-the-browser-says" permissions={['PermissionRoom']}>
            {(token) => <p data-testid={roomId}>{token}</p>}
          </BroadcastJoinGate>
        ))}
      </RoomTokenProvider>,
    );

    for (const roomId of ['stage-1', 'stage-2']) {
      const issued = () => upstream.issued.find((t) => t.request.roomId === roomId);
      expect((await screen.findByTestId(roomId)).textContent).toBe(issued()!.token);
      expect(issued()!.request).toEqual({ roomId, userId: 'alice', metadata: { mcuStream: 'true' }, permissions: [] });
    }
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]!.headers.authorization).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('shows the backend’s denial as a permission_denied alert, and nothing reaches the upstream', async () => {
    const { upstream, backendUrl } = await startBackend(() => false);

    render(
      <BroadcastJoinGate endpoint={backendUrl} roomId="stage-1" userId="bob">
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toContain(SERVER_KEY);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(upstream.calls).toHaveLength(0);
  });

  it("one denied tile in a batch fails alone: the others join", async () => {
    const { upstream, backendUrl } = await startBackend((asked) => (asked.roomId === 'forbidden' ? false : asked));

    render(
      <RoomTokenProvider endpoint={backendUrl} batch={batchRequests()}>
        {['open-1', 'forbidden', 'open-2'].map((roomId) => (
          <BroadcastJoinGate key={roomId} roomId={roomId} userId="u1" errorFallback={({ error }) => <p>{`${roomId}: ${error.code}`}</p>}>
            {(token) => <p data-testid={roomId}>{token}</p>}
          </BroadcastJoinGate>
        ))}
      </RoomTokenProvider>,
    );

    expect(await screen.findByText('forbidden: permission_denied')).toBeTruthy();
    for (const roomId of ['open-1', 'open-2']) {
      expect((await screen.findByTestId(roomId)).textContent).toBe(upstream.issued.find((t) => t.request.roomId === roomId)!.token);
    }
  });
});

