// @vitest-environment jsdom
// docs/react.md's blocks, run as documented: the gate and the hook against the app's backend
// at /api/room-token (the package's handler in front of the fake, over loopback HTTP), with
// the views they promise for a denial and an outage; the token client shared with code outside
// React; the permission lines give the results their comments say.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '../../src';
import { useRoomMemberToken } from '../../src';
import { ChatSeat } from './blocks/react/ChatSeat';
import { GoLive } from './blocks/react/GoLive';
import { reported } from './blocks/react/reporting';
import { Root } from './blocks/react/Root';
import type { RoomConnection } from './blocks/react/room';
import { client, keepTokenFresh, Tokens } from './blocks/react/tokens';
import { docBlock } from './docBlocks';
import { expectCommentedResults, expectDocumented, appBackendPerTest } from './documented';

afterEach(() => cleanup());
const backend = appBackendPerTest();
const LONG = { timeout: 15_000 };

describe('docs/react.md: the gate', () => {
  it('is documented as tested', () => {
    expectDocumented('react-gate', 'test/docs/blocks/react/GoLive.tsx');
  });

  it('shows its fallback, then the room with a broadcaster token; the room can ask for a fresh one', async () => {
    render(<GoLive roomId="studio-7" userId="ada" />);

    expect(screen.getByRole('status').textContent).toBe('Joining studio-7…');
    await screen.findByText(/^In studio-7 with a token of \d+ characters\.$/, undefined, LONG);
    expect(backend.fake.calls.map((call) => call.body)).toEqual([
      { arguments: [{ user_id: 'ada', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }] },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Token expired' }));
    await waitFor(() => expect(backend.fake.issued).toHaveLength(2), LONG);
  });

  it('tells a denied person so by code, with no Try again', async () => {
    backend.deny = true;
    render(<GoLive roomId="studio-8" userId="ada" />);

    expect((await screen.findByRole('alert', undefined, LONG)).textContent).toBe('You are not a host of this room.');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers Try again while the service is down (after the default retries), and joins once it is back', async () => {
    backend.fault = { code: 'unavailable' };
    render(<GoLive roomId="studio-9" userId="ada" />);

    const alert = await screen.findByRole('alert', undefined, LONG);
    expect(alert.textContent).toBe('Could not join the broadcast.Try again');
    expect(backend.requests).toHaveLength(4); // the first try and 3 retries
    backend.fault = undefined;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/^In studio-9 with a token/, undefined, LONG);
  });
});

describe('docs/react.md: the hook', () => {
  it('is documented as tested', () => {
    expectDocumented('react-hook', 'test/docs/blocks/react/ChatSeat.tsx');
  });

  it('joins the chat with the permissions it asks for', async () => {
    render(<ChatSeat roomId="chat-1" userId="grace" />);

    expect(screen.getByRole('status').textContent).toBe('Joining…');
    await screen.findByText(/^Chat with a token of \d+ characters\.$/, undefined, LONG);
    expect(backend.fake.calls[0]!.body).toEqual({ arguments: [{ user_id: 'grace', room_id: 'chat-1', metadata: {}, permissions: ['PermissionChatMute', 'PermissionChatKick'] }] });
  });

  it('says by code what a person can act on, never the technical message', async () => {
    backend.deny = true;
    render(<ChatSeat roomId="chat-2" userId="grace" />);

    expect((await screen.findByRole('alert', undefined, LONG)).textContent).toBe('You may not moderate this chat.');
  });
});

describe('docs/react.md: the provider and its options', () => {
  it('is documented as tested', () => {
    expectDocumented('react-provider', 'test/docs/blocks/react/Root.tsx');
  });

  it('sends the headers it names, and two tokens asked for together as one Create call (batchRequests)', async () => {
    render(<Root />);

    await waitFor(() => expect(screen.getAllByText(/^tile-\d: a token of \d+ characters$/)).toHaveLength(2), LONG);
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0]!.headers.get('x-csrf-token')).toBe('csrf-of-this-session');
    expect(((await backend.requests[0]!.json()) as { arguments: { room_id: string }[] }).arguments.map((argument) => argument.room_id)).toEqual(['tile-1', 'tile-2']);
    expect(backend.fake.calls).toHaveLength(1);
  });

  it('reports each error a person sees to onError, with its code and room', async () => {
    backend.deny = true;
    reported.length = 0;
    render(<Root />);

    await waitFor(() => expect(screen.getAllByText(/^tile-\d: permission_denied$/)).toHaveLength(2), LONG);
    expect(reported.map(({ error, context }) => [(error as { code: string }).code, context])).toEqual([
      ['permission_denied', { code: 'permission_denied', roomId: 'tile-1' }],
      ['permission_denied', { code: 'permission_denied', roomId: 'tile-2' }],
    ]);
  });
});

describe('docs/react.md: the token client', () => {
  it('is documented as tested', () => {
    expectDocumented('react-token-client', 'test/docs/blocks/react/tokens.tsx');
  });

  it("a room's expiry handler refreshes the token that the mounted hook shows: one call each time", async () => {
    const request = { roomId: 'studio-3', userId: 'ada', metadata: { mcuStream: 'true' } };
    let expired: (() => Promise<void>) | undefined;
    const handed: string[] = [];
    const room: RoomConnection = { onTokenExpired: (listener) => void (expired = listener), updateToken: (token) => void handed.push(token) };
    function Shown() {
      const { token } = useRoomMemberToken(request);
      return <p>{token ? `a token of ${token.length} characters, number ${backend.fake.issued.findIndex((issued) => issued.token === token) + 1}` : 'none yet'}</p>;
    }
    render(
      <Tokens>
        <Shown />
      </Tokens>,
    );
    keepTokenFresh(room, request);
    await screen.findByText(/number 1$/, undefined, LONG);

    await expired!();

    expect(handed).toEqual([backend.fake.issued[1]!.token]);
    await screen.findByText(/number 2$/, undefined, LONG);
    expect(await client.get(request)).toBe(backend.fake.issued[1]!.token);
    expect(backend.fake.calls).toHaveLength(2);
  });
});

describe('docs/react.md: permissions', () => {
  it('each line gives the result its comment says', () => {
    expect(expectCommentedResults(docBlock('react-permissions'), core)).toBe(3);
  });
});
