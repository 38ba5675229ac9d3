import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, passthrough } from 'msw';
import { expect } from 'storybook/test';
import { BroadcastJoinGate, type BroadcastJoinGateProps } from '../src';
import { JoinedRoom } from './support/JoinedRoom';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_URL } from './support/localFakeService';
import { shortToken } from './support/shortToken';
import { handlersOf, StoryBackend } from './support/StoryBackend';
import { resetStoryBackend, withRoomTokenProvider } from './support/withRoomTokenProvider';

type GateStoryArgs = BroadcastJoinGateProps & {
  /** Dev mode story only: where the local fake service listens. */
  devBaseUrl?: string;
};

// Waits for the network allow for a busy machine; they end as soon as the page is ready.
const NETWORK = { timeout: 5000 };

// One fake backend per story, each with its own fault script.
const backends = {
  waiting: new StoryBackend('waiting', { latencyMs: 6000 }),
  joined: new StoryBackend('joined'),
  denied: new StoryBackend('denied', {
    fault: (n) => (n === 0 ? { code: 'permission_denied', message: 'host-ada may not broadcast in studio-7 yet' } : undefined),
  }),
  upstreamDown: new StoryBackend('upstream-down', { fault: () => ({ code: 'unavailable', message: 'the room service is unavailable' }) }),
  recoversOnRetry: new StoryBackend('recovers-on-retry', { fault: (n) => (n < 2 ? { code: 'unavailable' } : undefined) }),
  customFallbacks: new StoryBackend('custom-fallbacks', { latencyMs: 800, fault: (n) => (n === 0 ? { code: 'unavailable' } : undefined) }),
};

const meta = {
  title: 'BroadcastJoinGate',
  component: BroadcastJoinGate,
  decorators: [withRoomTokenProvider],
  beforeEach: resetStoryBackend,
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
    // The provider supplies the source (the story's backend); these show what a gate may override.
    endpoint: { control: false, table: { category: 'Token source options' } },
    dev: { control: false, table: { category: 'Token source options' } },
    fetchToken: { control: false, table: { category: 'Token source options' } },
    headers: { control: false, table: { category: 'Token source options' } },
    credentials: { control: 'select', options: ['omit', 'same-origin', 'include'], table: { category: 'Token source options' } },
    retry: { control: 'object', table: { category: 'Token source options' } },
    refreshInterval: { control: 'number', table: { category: 'Token source options' } },
    timeoutMs: { control: 'number', table: { category: 'Token source options' } },
    batch: { control: 'object', table: { category: 'Token source options' } },
  },
  parameters: {
    msw: {
      handlers: {
        ...handlersOf(backends),
        // Dev mode talks to the fake service over real HTTP: let loopback through the worker.
        loopback: [http.all(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//, () => passthrough())],
      },
    },
    docs: {
      description: {
        component:
          'Holds the children that join a broadcast room until a broadcaster token is there. In these stories the package’s fake token service plays the app’s backend through mock service worker, with a fault script per story; the table under each story lists the requests it received.',
      },
    },
  },
} satisfies Meta<GateStoryArgs>;

export default meta;
type Story = StoryObj<GateStoryArgs>;

/** A slow backend: the gate shows an accessible status until the token arrives (after 6 s). */
export const Waiting: Story = {
  parameters: { storyBackend: backends.waiting },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Joining the broadcast…');
    await expect(canvas.queryByRole('region', { name: 'Broadcast room' })).toBeNull();
    await expect(await canvas.findByRole('cell', { name: 'waiting' }, NETWORK)).toBeInTheDocument();
  },
};

/** The token arrives: the room renders, showing a shortened token and its length. */
export const Joined: Story = {
  parameters: { storyBackend: backends.joined },
  play: async ({ canvas }) => {
    const room = await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await expect(room).toHaveTextContent('Room studio-7, broadcasting as host-ada.');
    await expect(room).toHaveTextContent(/Token: [\w-]{6}…[\w-]{4} \(342 characters\)/);
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

/**
 * The backend denies the first request (the host has not been given the room yet): no
 * automatic retry, since trying again cannot help on its own; Retry asks again, and joins.
 */
export const Denied: Story = {
  parameters: { storyBackend: backends.denied },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, NETWORK);
    await expect(alert).toHaveTextContent('You are not allowed to join this broadcast.');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

/** The upstream is down for good: the gate retries twice with backoff, then shows the error. */
export const UpstreamDown: Story = {
  name: 'Upstream down',
  args: { retry: { retries: 2, baseDelayMs: 200, maxDelayMs: 1000 } },
  parameters: { storyBackend: backends.upstreamDown },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('The broadcast service is not available right now.');
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 3');
    await expect(canvas.getAllByRole('cell', { name: 'unavailable' })).toHaveLength(3);
  },
};

/** Two failures, then a token: the retries absorb the outage and the room renders. */
export const RecoversOnRetry: Story = {
  name: 'Recovers on retry',
  args: { retry: { retries: 3, baseDelayMs: 200, maxDelayMs: 1000 } },
  parameters: { storyBackend: backends.recoversOnRetry },
  play: async ({ canvas }) => {
    await canvas.findByRole('region', { name: 'Broadcast room' }, { timeout: 10_000 });
    await expect(canvas.queryByRole('alert')).toBeNull();
    const answers = canvas.getAllByRole('row').slice(1).map((row) => row.lastElementChild?.textContent);
    await expect(answers).toEqual(['unavailable', 'unavailable', 'token']);
  },
};

/**
 * Your own waiting and error views (`fallback`, and `errorFallback` as a function of the
 * error and `retry`), and children as a function of the token. The first request fails.
 */
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
    children: (token: string) => <p>Live, with token {shortToken(token)}</p>,
  },
  parameters: { storyBackend: backends.customFallbacks },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Warming up the studio…');
    const alert = await canvas.findByRole('alert', {}, NETWORK);
    await expect(alert).toHaveTextContent('Off air (unavailable): this usually passes in a moment.');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
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
  args: { devBaseUrl: LOCAL_FAKE_URL, retry: { retries: 1, baseDelayMs: 300 } },
  argTypes: { devBaseUrl: { control: 'text', description: 'Where the local fake service listens.' } },
  render: ({ devBaseUrl = LOCAL_FAKE_URL, ...args }) => (
    <>
      <p>
        Calls <code>{devBaseUrl}</code> directly with a made-up test key. Start the fake with <code>npm start</code>.
      </p>
      <BroadcastJoinGate {...args} dev={{ apiKey: LOCAL_FAKE_KEY, baseUrl: devBaseUrl }} />
    </>
  ),
  play: async ({ canvas }) => {
    const room = await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await expect(room).toHaveTextContent(/Token: [\w-]{6}…[\w-]{4} \(342 characters\)/);
  },
};
