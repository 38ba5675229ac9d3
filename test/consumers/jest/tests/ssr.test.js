/**
 * @jest-environment node
 */
// A CommonJS server rendering the gate: the case that once threw
// `(0, import_swr.default) is not a function`.
const { createElement: h } = require('react');
const { renderToString } = require('react-dom/server');
const { BroadcastJoinGate, RoomTokenProvider, expandPermissions } = require('react-room-token');
const { createRoomTokenHandler } = require('react-room-token/server');
const { startFake } = require('./support');

test('renderToString of a gate renders its fallback and makes no request', async () => {
  const backend = await startFake();
  try {
    const html = renderToString(
      h(RoomTokenProvider, backend.source, h(BroadcastJoinGate, { roomId: 'studio-7', userId: 'ada' }, h('p', null, 'joined'))),
    );

    expect(html).toMatch(/Joining the broadcast/);
    expect(html).not.toMatch(/joined/);
    expect(backend.fake.calls).toHaveLength(0);
  } finally {
    await backend.close();
  }
});

test('the core helpers and the server handler run under require', async () => {
  const backend = await startFake();
  try {
    expect(expandPermissions(['PermissionRoom'])).toContain('PermissionRoomKick');
    const handler = createRoomTokenHandler({
      apiKey: 'jest-consumer-key',
      baseUrl: backend.url,
      authorize: (asked) => ({ ...asked, userId: 'ada' }),
    });

    const response = await handler(
      new Request('http://app.test/api/room-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ arguments: [{ room_id: 'studio-7', user_id: 'mallory' }] }),
      }),
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tokens: [backend.fake.issued[0].token] });
    expect(backend.fake.issued[0].request.userId).toBe('ada');
  } finally {
    await backend.close();
  }
});
