import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { BroadcastJoinGate, createRoomMemberTokens, type BroadcastJoinGateProps, devMode } from '../src';
import { createFakeTokenService } from '../src/testing';
import { DevModeDemo } from './support/DevModeDemo';
import { JoinedRoom } from './support/JoinedRoom';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_URL } from './support/localFakeService';
import { requestCount, retriesOf, triesOfJoin } from './support/requestCount';
import { LoopbackCalls, StoryBackend } from './support/StoryBackend';
import { viteAppSnippet } from './support/viteAppSnippet';
import { withRoomTokenProvider } from './support/withRoomTokenProvider';

type GateStoryArgs = BroadcastJoinGateProps & {
  /** Dev mode story only: where the local fake service listens. */
  devBaseUrl?: string;
};

// Waits for the network allow for a busy machine; they end as soon as the page is ready.
const NETWORK = { timeout: 5000 };
// Default retries: 3 after the first try, with up to 0.5 + 1 + 2 s of backoff between them.
const RETRIES = { timeout: 15_000 };

/**
 * What "Show code" gives for a story with the default views: an app's module, with the
 * provider that names the token source (`provider`: its attributes), after `preamble`;
 * `app` is the component's signature and `gate` more attributes of the gate. The component
 * is the module's default export, as the `main.tsx` of a new Vite app imports it.
 */
const gateSnippet = ({ preamble, provider, app = 'App()', gate = '' }: { preamble: string; provider: string; app?: string; gate?: string }) =>
  `import { BroadcastJoinGate, RoomTokenProvider, useBroadcastToken } from 'react-room-token';

${preamble}
export default function ${app} {
  return (
    <RoomTokenProvider ${provider}>
      <BroadcastJoinGate roomId="studio-7" userId="host-ada" permissions={['PermissionChat']}${gate}>
        <Stage />
      </BroadcastJoinGate>
    </RoomTokenProvider>
  );
}

// Rendered once the token is there: hand the token to your room SDK here.
function Stage() {
  const { token, roomId, userId } = useBroadcastToken();
  return (
    <section aria-label="Broadcast room">
      <h2>On air</h2>
      <p>
        Room {roomId}, broadcasting as {userId} (token of {token.length} characters).
      </p>
    </section>
  );
}
`;

// The stories with the default views render the same gate; their backends differ.
const GATE_SNIPPET = viteAppSnippet(
  gateSnippet({
    preamble: `// The provider names the token source: your backend's endpoint, which
// createRoomTokenHandler from 'react-room-token/server' serves.`,
    provider: 'endpoint="/api/room-token"',
  }),
);

const DEV_MODE_SNIPPET = gateSnippet({
  preamble: `import { devMode } from 'react-room-token';

// Development: the browser calls the token service itself with a test key from
// .env.development.local (VITE_ROOM_TEST_KEY=${LOCAL_FAKE_KEY} for the fake of \`npm start\`).
// Production: your backend. Vite builds the DEV branch out of a production bundle, key and all.
const source = import.meta.env.DEV
  ? { dev: devMode({ apiKey: import.meta.env.VITE_ROOM_TEST_KEY, baseUrl: '${LOCAL_FAKE_URL}' }) }
  : { endpoint: '/api/room-token' };
`,
  provider: '{...source}',
});

const SERVER_MINTED_SNIPPET = `'use client';

${gateSnippet({
  preamble: `// The page, a server component, mints the token for exactly this request (with your
// handler, or createRoomMemberTokens and your key) and renders <GoLive initialToken={token} />:
// the room shows in the server render and on hydration, with no request on mount.
// Refreshes go to the provider's endpoint.`,
  provider: 'endpoint="/api/room-token"',
  app: 'GoLive({ initialToken }: { initialToken: string })',
  gate: ' initialToken={initialToken}',
})}`;

const CUSTOM_FALLBACKS_SNIPPET = viteAppSnippet(`import { BroadcastJoinGate, RoomTokenProvider } from 'react-room-token';

export default function App() {
  return (
    <RoomTokenProvider endpoint="/api/room-token">
      <BroadcastJoinGate
        roomId="studio-7"
        userId="host-ada"
        permissions={['PermissionChat']}
        retry={false}
        fallback={<p role="status">Warming up the studio…</p>}
        errorFallback={({ error, retry }) => (
          <div role="alert">
            <p>Off air ({error.code}){error.retryable ? ': this usually passes in a moment.' : '.'}</p>
            <button type="button" onClick={retry}>
              Try again
            </button>
          </div>
        )}
      >
        {(token) => <p>Live, with a token of {token.length} characters.</p>}
      </BroadcastJoinGate>
    </RoomTokenProvider>
  );
}
`);

/** A story's description for its Docs page: what it shows, then its request count and why. */
const explain = (shows: string, requests: number, why: string) => ({ docs: { description: { story: `${shows}\n\n**${requestCount(requests)}** ${why}` } } });

// The fault scripts and options the descriptions count from.
const RECOVERING_FAILURES = 2;
const DEV_MODE_RETRY = { retries: 1, baseDelayMs: 300 };

/** Dev mode: what the story shows and why it makes the requests it makes (also on its canvas). */
const DEV_MODE_ABOUT = `${requestCount(1)} the page's one call, straight to the local fake service, which answers it with a token (the story's retry option would try ${retriesOf(DEV_MODE_RETRY)} more time only if the call failed).`;

const meta = {
  title: 'BroadcastJoinGate',
  component: BroadcastJoinGate,
  decorators: [withRoomTokenProvider],
  args: {
    roomId: 'studio-7',
    userId: 'host-ada',
    permissions: ['PermissionChat'],
    children: <JoinedRoom />,
  },
  argTypes: {
    children: { control: false },
    fallback: { control: false },
    errorFallback: { control: false },
    // The story's provider supplies the source (its fake backend); a gate may override it.
    endpoint: { control: false },
    dev: { control: false },
    fetchToken: { control: false },
    headers: { control: false },
    credentials: { control: 'select', options: ['omit', 'same-origin', 'include'] },
    // A token comes from the server (the Server-minted story), not from a text field.
    initialToken: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'Holds the children that join a broadcast room until a broadcaster token is there: a `role="status"` message while it waits, a `role="alert"` message with a Retry button when it fails, then the children (a node, or a function of the token), which stay mounted while the token rotates. It always asks with `metadata.mcuStream = "true"`.',
          'The token source comes from a `RoomTokenProvider` above, or from the gate’s own `endpoint`, `dev` or `fetchToken`, which replaces the provider’s source as a whole. In these stories the package’s fake token service plays the app’s backend, one per story on this page, with a fault script per story; the table under each story lists the requests it received.',
          '**Dev mode** (no backend yet): the browser calls the token service itself with a *test* key — see the story “Dev mode against the local fake service” and its code. Put the key in `.env.development.local` (Vite reads that file only when serving in development, and it stays out of git with `*.local` ignored), read it as `import.meta.env.VITE_ROOM_TEST_KEY`, and choose `dev` only when `import.meta.env.DEV` is true: a production build replaces that with `false` and drops the branch, key and all. An empty or missing `dev.apiKey` fails at once with a message naming `dev.apiKey`.',
        ].join('\n\n'),
      },
      source: { language: 'tsx', code: GATE_SNIPPET },
    },
  },
} satisfies Meta<GateStoryArgs>;

export default meta;
type Story = StoryObj<GateStoryArgs>;

export const Waiting: Story = {
  parameters: {
    storyBackend: new StoryBackend('waiting', { latencyMs: 6000 }),
    ...explain('A slow backend: the gate shows an accessible status until the token arrives, after 6 s.', 1, 'the one join, which the backend answers after 6 s (shown as waiting until then).'),
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Joining the broadcast…');
    await expect(canvas.queryByRole('region', { name: 'Broadcast room' })).toBeNull();
    await expect(await canvas.findByRole('cell', { name: 'waiting' }, NETWORK)).toBeInTheDocument();
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

export const Joined: Story = {
  parameters: {
    storyBackend: new StoryBackend('joined'),
    ...explain('The token arrives: the room renders, showing a shortened token and its length.', 1, 'the one join, answered with a token.'),
  },
  play: async ({ canvas }) => {
    const room = await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await expect(room).toHaveTextContent('Room studio-7, broadcasting as host-ada.');
    await expect(room).toHaveTextContent(/Token: [\w-]{6}…[\w-]{4} \(342 characters\)/);
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

export const Denied: Story = {
  parameters: {
    ...explain(
      'The backend denies the first request (the host has not been given the room yet): the gate shows why, with a Retry button.',
      1,
      'a denial is not retried, since asking again cannot help on its own; pressing Retry asks once more (2 in all), and joins.',
    ),
    storyBackend: new StoryBackend('denied', {
      fault: (n) => (n === 0 ? { code: 'permission_denied', message: 'host-ada may not broadcast in studio-7 yet' } : undefined),
    }),
  },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, NETWORK);
    await expect(alert).toHaveTextContent('You are not allowed to join this broadcast.');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

export const UpstreamDown: Story = {
  name: 'Upstream down',
  parameters: {
    ...explain(
      'The upstream is down for good: the gate retries with backoff, then shows the error.',
      triesOfJoin(Infinity),
      `the first try and ${retriesOf()} retries (the default \`retry\`), each failing with \`unavailable\`, which is worth retrying.`,
    ),
    storyBackend: new StoryBackend('upstream-down', { fault: () => ({ code: 'unavailable', message: 'the room service is unavailable' }) }),
  },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, RETRIES);
    await expect(alert).toHaveTextContent('The broadcast service is not available right now.');
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 4');
    await expect(canvas.getAllByRole('cell', { name: 'unavailable' })).toHaveLength(4);
  },
};

export const RecoversOnRetry: Story = {
  name: 'Recovers on retry',
  parameters: {
    storyBackend: new StoryBackend('recovers-on-retry', { fault: (n) => (n < RECOVERING_FAILURES ? { code: 'unavailable' } : undefined) }),
    ...explain(
      `${RECOVERING_FAILURES} failures, then a token: the default retries absorb the outage and the room renders.`,
      triesOfJoin(RECOVERING_FAILURES),
      `${RECOVERING_FAILURES} that fail with \`unavailable\`, each retried (the default \`retry\` allows ${retriesOf()}), then the one that gets the token.`,
    ),
  },
  play: async ({ canvas }) => {
    await canvas.findByRole('region', { name: 'Broadcast room' }, RETRIES);
    await expect(canvas.queryByRole('alert')).toBeNull();
    const answers = canvas.getAllByRole('row').slice(1).map((row) => row.lastElementChild?.textContent);
    await expect(answers).toEqual(['unavailable', 'unavailable', 'token']);
  },
};

export const CustomFallbacks: Story = {
  name: 'Custom fallbacks',
  args: {
    retry: false,
    fallback: <p role="status">Warming up the studio…</p>,
    errorFallback: ({ error, retry }) => (
      <div role="alert">
        <p>
          Off air ({error.code}){error.retryable ? ': this usually passes in a moment.' : '.'}
        </p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    ),
    children: (token: string) => <p>Live, with a token of {token.length} characters.</p>,
  },
  parameters: {
    storyBackend: new StoryBackend('custom-fallbacks', { latencyMs: 800, fault: (n) => (n === 0 ? { code: 'unavailable' } : undefined) }),
    docs: {
      source: { code: CUSTOM_FALLBACKS_SNIPPET },
      description: {
        story: `Your own waiting and error views (\`fallback\`, and \`errorFallback\` as a function of the error and \`retry\`), and children as a function of the token. The first request fails.\n\n**${requestCount(triesOfJoin(1, false))}** \`retry={false}\`: the first failure shows the error view at once, with no retry; Try again asks once more.`,
      },
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Warming up the studio…');
    const alert = await canvas.findByRole('alert', {}, NETWORK);
    await expect(alert).toHaveTextContent('Off air (unavailable): this usually passes in a moment.');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
  },
};

export const ServerMinted: Story = {
  name: 'Server-minted token',
  loaders: [
    async ({ args }) => {
      const upstream = createFakeTokenService({ apiKey: 'server-side-key' });
      const [initialToken] = await createRoomMemberTokens(
        [{ roomId: args.roomId, userId: args.userId, permissions: args.permissions, metadata: { mcuStream: 'true' } }],
        { baseUrl: 'https://upstream.example.test', apiKey: 'server-side-key', fetch: (input, init) => upstream.handle(new Request(input, init)) },
      );
      return { initialToken };
    },
  ],
  render: (args, { loaded }) => <BroadcastJoinGate {...args} initialToken={loaded.initialToken as string} />,
  parameters: {
    storyBackend: new StoryBackend('server-minted'),
    docs: {
      source: { code: SERVER_MINTED_SNIPPET },
      description: {
        story: `A token minted on the server (\`initialToken\`): the room shows from the first render, with no fallback. Here a fake upstream mints it in a loader, as your server would before sending the page.\n\n**${requestCount(0)}** the token came with the page; only a refresh would ask the backend.`,
      },
    },
  },
  play: async ({ canvas }) => {
    // Right after the first render: the room, not the fallback.
    await expect(canvas.queryByRole('status')).toBeNull();
    const room = canvas.getByRole('region', { name: 'Broadcast room' });
    await expect(room).toHaveTextContent(/Token: [\w-]{6}…[\w-]{4} \(342 characters\)/);
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 0');
  },
};

/**
 * Dev mode: the browser calls the token service itself, here the package's fake service
 * over real HTTP at 127.0.0.1:4010 (`npm start` runs it). Dev mode warns once in the
 * console that the key is exposed: expected here, and only here.
 */
export const DevMode: Story = {
  name: 'Dev mode against the local fake service',
  // Not on the Docs page: it needs `npm start`, and its console warning belongs to it alone.
  tags: ['!autodocs'],
  args: { devBaseUrl: LOCAL_FAKE_URL, retry: DEV_MODE_RETRY },
  argTypes: { devBaseUrl: { control: 'text', description: 'Where the local fake service listens.' } },
  parameters: {
    storyBackend: new LoopbackCalls(),
    docs: {
      source: { code: DEV_MODE_SNIPPET },
      description: { story: `Dev mode: the browser calls the token service itself, here the package's fake service over real HTTP (\`npm start\` runs it).\n\n**${DEV_MODE_ABOUT.replace(' —', ' —**')}` },
    },
  },
  render: ({ devBaseUrl = LOCAL_FAKE_URL, ...args }) => (
    <DevModeDemo baseUrl={devBaseUrl} about={DEV_MODE_ABOUT}>
      <BroadcastJoinGate {...args} dev={devMode({ apiKey: LOCAL_FAKE_KEY, baseUrl: devBaseUrl })} />
    </DevModeDemo>
  ),
  play: async ({ canvas }) => {
    const room = await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await expect(room).toHaveTextContent(/Token: [\w-]{6}…[\w-]{4} \(342 characters\)/);
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};
