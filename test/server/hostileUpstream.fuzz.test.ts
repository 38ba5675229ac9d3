// Issue 12, "fuzzing the other direction", through the handler: whatever the upstream answers,
// every answer the caller gets is `{"tokens":[…]}` (one non-empty token per argument, none
// holding the key) or a Connect JSON error with its documented status; the server's console
// gets one line exactly for the server's faults; no answer, header or line holds the key; each
// call settles within the handler's `timeoutMs` plus a margin; memory stays bounded.
// 1,000 runs over loopback: caller → handler → hostile upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoomTokenErrorCode } from '../../src/core/RoomTokenError';
import { createRoomTokenHandler } from '../../src/server';
import { HOSTILE_KEY, KEY_FORMS, checkHostileAnswers, startHostileUpstream } from '../helpers/hostileUpstream';
import { allowAll, consoleLines, createBody, guardTheKey, send, serve } from './support';

guardTheKey();

const TIMEOUT_MS = 200;
const MAX_RESPONSE_BYTES = 256 * 1024;
// The status each code comes with in the handler's answers to upstream faults (docs/wire-contract.md tables).
const STATUS_OF: Record<string, number[]> = {
  invalid_argument: [400],
  internal: [500, 502],
  unavailable: [503],
  deadline_exceeded: [504],
};

let upstream: Awaited<ReturnType<typeof startHostileUpstream>>;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

describe('given hostile upstream answers behind the handler', () => {
  it('answers tokens or a documented Connect error, logs only server faults, shows no key, in time, in bounded memory (1,000 runs)', async () => {
    const url = await serve(
      createRoomTokenHandler({ apiKey: HOSTILE_KEY, authorize: allowAll, baseUrl: upstream.url, timeoutMs: TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES }),
    );
    let linesSeen = 0;
    const tally = await checkHostileAnswers('the handler', { runs: 1000, timeoutMs: TIMEOUT_MS }, async (answer) => {
      upstream.next(answer);
      const args = Array.from({ length: answer.count }, (_, i) => ({ user_id: 'user-1', room_id: `room-${i}` }));
      const got = await send(url, { json: createBody(...args) });

      expect(got.headers.get('content-type')).toBe('application/json');
      expect(got.headers.get('cache-control')).toBe('no-store');
      const body = got.body as Record<string, unknown>;
      if (got.status === 200) {
        expect(Object.keys(body)).toEqual(['tokens']);
        const tokens = body.tokens as unknown[];
        expect(tokens).toHaveLength(answer.count);
        for (const token of tokens) expect(typeof token === 'string' && token !== '').toBe(true);
      } else {
        expect(Object.keys(body).sort()).toEqual(['code', 'message']);
        expect(isRoomTokenErrorCode(body.code)).toBe(true);
        expect(STATUS_OF[body.code as string]).toContain(got.status);
      }
      for (const form of KEY_FORMS) {
        expect(got.text).not.toContain(form);
        got.headers.forEach((value, name) => expect(`${name}: ${value}`).not.toContain(form));
      }
      // consoleLines() gives every line of the test so far: this run's are the new ones.
      const all = consoleLines();
      const lines = all.slice(linesSeen);
      linesSeen = all.length;
      // A failing upstream (503, 504) adds at most its kind's line, once a minute.
      const faultLines = lines.filter((line) => line.text.includes('the token service failed ('));
      expect(faultLines.length).toBeLessThanOrEqual(got.status === 503 || got.status === 504 ? 1 : 0);
      const others = lines.filter((line) => !faultLines.includes(line));
      expect(others.map((line) => line.method)).toEqual(got.status === 500 || got.status === 502 ? ['error'] : []);
      for (const line of lines) for (const form of KEY_FORMS) expect(line.text).not.toContain(form);
      return String(got.status);
    });
    expect(tally.get('200')).toBeGreaterThan(30);
    expect(tally.get('502')).toBeGreaterThan(100);
  }, 600_000);
});
