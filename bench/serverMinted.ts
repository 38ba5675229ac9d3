import { BroadcastJoinGate } from '../src';
import { createRoomMemberTokens } from '../src/core';
import { API_KEY, Shown, fmtMs, freshRoot, h, median, ratioOf, settle, startFake, withTimeout, type GroupResult, type Tree } from './support';

const WARMUP = 30;
const MOUNTS = 200;
const ROOM = 'room-server-minted';
const USER = 'user-server-minted';
const HEADERS = { authorization: `Bearer ${API_KEY}` };

/**
 * Time to children for a gate given a token minted on the server (`initialToken`) against a gate
 * that asks its endpoint after mounting, in the same run.
 */
export async function benchServerMinted(): Promise<GroupResult> {
  const fake = await startFake();
  try {
    async function mountOnce(tree: Tree): Promise<{ ms: number; calls: number }> {
      const before = fake.creates();
      const { root, dispose } = freshRoot();
      let shownAt = 0;
      let onShown!: () => void;
      const shown = new Promise<void>((resolve) => (onShown = () => ((shownAt = performance.now()), resolve())));
      const start = performance.now();
      root.render(tree(onShown));
      await withTimeout(shown, 10_000, 'a mount');
      const ms = shownAt - start;
      dispose();
      await settle();
      return { ms, calls: fake.creates() - before };
    }
    const children = (onShown: () => void) => (token: string) => h(Shown, { token, onShown });
    const endpointGate: Tree = (onShown) => h(BroadcastJoinGate, { endpoint: fake.createUrl, headers: HEADERS, roomId: ROOM, userId: USER, children: children(onShown) });
    const times = { minted: [] as number[], endpoint: [] as number[], mint: [] as number[] };
    const calls = { minted: 0, endpoint: 0 };
    for (let i = 0; i < WARMUP + MOUNTS; i++) {
      // The server's part: one Create call while rendering the page, before any HTML is sent.
      const mintStart = performance.now();
      const [initialToken] = await createRoomMemberTokens([{ roomId: ROOM, userId: USER, metadata: { mcuStream: 'true' } }], { url: fake.createUrl, headers: HEADERS });
      const mintMs = performance.now() - mintStart;
      const mintedGate: Tree = (onShown) =>
        h(BroadcastJoinGate, { endpoint: fake.createUrl, headers: HEADERS, roomId: ROOM, userId: USER, initialToken, children: children(onShown) });
      const order = i % 2 === 0 ? (['minted', 'endpoint'] as const) : (['endpoint', 'minted'] as const);
      for (const which of order) {
        const run = await mountOnce(which === 'minted' ? mintedGate : endpointGate);
        if (i < WARMUP) continue;
        times[which].push(run.ms);
        calls[which] += run.calls;
      }
      if (i >= WARMUP) times.mint.push(mintMs);
    }
    const ratio = ratioOf(median(times.minted), median(times.endpoint));
    return {
      rows: [
        {
          figure: 'Time to children in the browser, server-minted gate (`initialToken`)',
          value: `${fmtMs(median(times.minted))}; ${calls.minted / MOUNTS} token requests from the browser`,
          baseline: `${fmtMs(median(times.endpoint))}; ${calls.endpoint / MOUNTS} request(s) — the same gate asking its endpoint after mounting`,
          ratio,
          target: '0 round trips (reported)',
          met: calls.minted === 0,
        },
      ],
      notes: [
        `Server-minted: ${MOUNTS} mounts each after ${WARMUP} warm-up, alternating. Before each pair, the "server" mints one token with one Create call to the fake (median ${fmtMs(median(times.mint))}: time spent while rendering the page, before its HTML leaves the server, instead of a browser round trip after hydration); the server-minted gate gets it as \`initialToken\` and shows its children in the first commit, with no request, while the endpoint gate shows its fallback, asks the fake, and shows its children in a second commit. Round trips from the browser saved per page: ${(calls.endpoint - calls.minted) / MOUNTS}.`,
      ],
    };
  } finally {
    await fake.close();
  }
}
