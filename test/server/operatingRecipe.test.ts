// docs/server.md's "Operating the handler", run as documented: the onEvent recipe writes one JSON
// line per call, and the three OpenTelemetry lines make every span of the handler visible.
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeTokenService } from '../../src/testing';
import { serveOnLoopback } from '../../src/testing/serveOnLoopback';
import { expectDocumented } from '../docs/documented';
import { loadRecipe } from './documentedRecipe';
import { consoleLines, createBody, guardTheKey, send } from './support';

guardTheKey();

let fake: FakeTokenService;
let url: string;
const closers: (() => Promise<void>)[] = [];
/** What ConsoleSpanExporter printed: one object per span. */
const printed: { name: string; kind: number; attributes: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await import('./recipes/tracing');
  const loaded = await loadRecipe(() => import('./recipes/operating'));
  fake = loaded.fake;
  closers.push(loaded.close);
  const server = await serveOnLoopback(loaded.module.roomTokens);
  closers.push(server.close);
  url = server.url;
});
afterAll(async () => {
  trace.disable();
  for (const close of closers.reverse()) await close();
});

describe('the Operating the handler recipes', () => {
  it('are documented exactly as tested', () => {
    expectDocumented('server-on-event', 'test/server/recipes/operating.ts');
    expectDocumented('server-tracing', 'test/server/recipes/tracing.ts');
  });

  it('report each call as one JSON line, and print its spans', async () => {
    const dir = vi.spyOn(console, 'dir').mockImplementation((span: typeof printed[number]) => void printed.push(span));

    const minted = await send(url, { json: createBody({ user_id: 'someone', room_id: 'room-1' }), headers: { cookie: 'session=viewer-cookie' } });
    const denied = await send(url, { json: createBody({ user_id: 'someone', room_id: 'room-1' }) });

    expect([minted.status, denied.status]).toEqual([200, 403]);
    const reported = consoleLines().map((line) => ({ method: line.method, ...(JSON.parse(line.text) as Record<string, unknown>) }));
    expect(reported).toEqual([
      { method: 'info', msg: 'room token call', type: 'minted', status: 200, tokens: 1, durationMs: expect.any(Number), upstreamMs: expect.any(Number) },
      { method: 'info', msg: 'room token call', type: 'denied', status: 403, code: 'permission_denied', tokens: 1, durationMs: expect.any(Number) },
    ]);
    expect(dir).toHaveBeenCalled();
    expect(printed.map((span) => [span.name, span.kind, span.attributes['room_token.outcome']])).toEqual([
      ['room.tokens.private.v1.Service/Create', 2, undefined],
      ['room.tokens.private.v1.Service/Create', 1, 'minted'],
      ['room.tokens.private.v1.Service/Create', 1, 'denied'],
    ]);
    expect(JSON.stringify(printed)).not.toContain(fake.issued[0]!.token);
  });
});
