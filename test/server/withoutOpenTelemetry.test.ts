// Issue 21, item 8: @opentelemetry/api is an optional peer. An app without it gets the same
// answers, events and log lines, and no error: its import fails once, quietly. (The built
// files are checked the same way, with the module unresolvable, by scripts/check-entries.mjs.)
import { describe, expect, it, vi } from 'vitest';
import { createRoomTokenHandler, type RoomTokenEvent } from '../../src/server';
import { API_KEY, allowAll, consoleLines, createBody, guardTheKey, send, serve, startFake } from './support';

vi.mock('@opentelemetry/api', () => {
  throw Object.assign(new Error("Cannot find package '@opentelemetry/api'"), { code: 'ERR_MODULE_NOT_FOUND' });
});

guardTheKey();

describe('without @opentelemetry/api installed', () => {
  it('mints over HTTP and with mint, and reports each call to onEvent, as with it', async () => {
    const { fake, url: upstream } = await startFake({ fault: (_call, i) => (i === 2 ? 'drop' : undefined) });
    const events: RoomTokenEvent[] = [];
    const handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: upstream, onEvent: (event) => void events.push(event) });
    const url = await serve(handler);

    const answer = await send(url, { json: createBody({ user_id: 'user-1', room_id: 'room-1' }) });
    const token = await handler.mint({ roomId: 'room-1', userId: 'user-1' }, { headers: new Headers() });
    const failed = await send(url, { json: createBody({ user_id: 'user-1', room_id: 'room-1' }) });

    expect((answer.body as { tokens: string[] }).tokens).toEqual([fake.issued[0]!.token]);
    expect(token).toBe(fake.issued[1]!.token);
    expect(failed.status).toBe(503);
    expect(events.map((event) => event.type)).toEqual(['minted', 'minted', 'upstream_error']);
    expect(consoleLines().map((line) => line.text)).toEqual([expect.stringContaining('the token service failed (unreachable: ')]);
    // The module really is unavailable here.
    await expect(import('@opentelemetry/api')).rejects.toThrow();
  });
});
