// Issue 12, "fuzzing the other direction": whatever an upstream answers — any status, headers,
// encoding, a truncated, huge, endless or trickling body, a decompression bomb, the key echoed
// back — the core client resolves only one non-empty token per request (none holding the key)
// or rejects with a RoomTokenError that shows no key; it settles within `timeoutMs` plus a
// margin; and the heap stays bounded. 1,000 runs over loopback.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomTokenError, createRoomMemberTokens } from '../../src/core';
import { everythingShownBy } from '../helpers/fakeServer';
import { HOSTILE_KEY, KEY_FORMS, hostileAnswer, startHostileUpstream } from '../helpers/hostileUpstream';
import { MiB, memoryWatch } from '../helpers/memory';

const TIMEOUT_MS = 200;
// The machine may be loaded: a timer can fire late. The margin is generous, and still far
// below what an unbounded read of a huge or endless body takes.
const MARGIN_MS = 5000;
const MAX_RESPONSE_BYTES = 256 * 1024;
const RUNS = 1000;

let upstream: Awaited<ReturnType<typeof startHostileUpstream>>;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

describe('given hostile upstream answers', () => {
  it(`the core client resolves only good tokens, rejects with a RoomTokenError showing no key, in time, in bounded memory (${RUNS} runs)`, async () => {
    // fast-check builds its tables on first use (about 80 MiB, kept): not the client's.
    fc.sample(hostileAnswer, 1);
    const memory = memoryWatch();
    const outcomes = { tokens: 0, errors: new Map<string, number>() };
    let slowest = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileAnswer, async (answer) => {
        upstream.next(answer);
        const requests = Array.from({ length: answer.count }, (_, i) => ({ roomId: `room-${i}`, userId: 'user-1' }));
        const started = performance.now();
        const outcome = await createRoomMemberTokens(requests, {
          baseUrl: upstream.url,
          apiKey: HOSTILE_KEY,
          timeoutMs: TIMEOUT_MS,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        }).then(
          (tokens) => ({ tokens }),
          (error: unknown) => ({ error }),
        );
        const took = performance.now() - started;
        slowest = Math.max(slowest, took);
        expect(took).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        if ('tokens' in outcome) {
          expect(outcome.tokens).toHaveLength(answer.count);
          // Nothing resolved that was not read within the limit.
          expect(JSON.stringify({ tokens: outcome.tokens }).length).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
          for (const token of outcome.tokens) {
            expect(typeof token).toBe('string');
            expect(token).not.toBe('');
            for (const form of KEY_FORMS) expect(token).not.toContain(form);
          }
          outcomes.tokens += 1;
        } else {
          expect(outcome.error).toBeInstanceOf(RoomTokenError);
          const shown = everythingShownBy(outcome.error);
          for (const form of KEY_FORMS) expect(shown).not.toContain(form);
          const { code } = outcome.error as RoomTokenError;
          outcomes.errors.set(code, (outcomes.errors.get(code) ?? 0) + 1);
        }
        memory.sample();
        if (++run % 100 === 0) expect(memory.retained()).toBeLessThan(32 * MiB);
      }),
      { numRuns: RUNS },
    );
    const peak = memory.peak();
    const retained = memory.retained();
    process.stdout.write(
      `hostile answers through the core client: ${run} runs, ${outcomes.tokens} resolved, errors ${JSON.stringify(Object.fromEntries(outcomes.errors))}, ` +
        `slowest ${Math.round(slowest)} ms, peak memory growth ${(peak / MiB).toFixed(1)} MiB, retained ${(retained / MiB).toFixed(1)} MiB\n`,
    );
    // Reached often enough for the properties to mean something.
    expect(outcomes.tokens).toBeGreaterThan(30);
    expect(outcomes.errors.get('internal')).toBeGreaterThan(100);
    // The old client held a 100 MB token or an endless body whole: hundreds of MiB to GiB.
    expect(peak).toBeLessThan(256 * MiB);
    expect(retained).toBeLessThan(32 * MiB);
  }, 600_000);
});
