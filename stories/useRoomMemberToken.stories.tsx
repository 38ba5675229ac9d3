import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import type { TokenRequest } from '../src';
import { requestCount } from './support/requestCount';
import { sourceLiteral } from './support/sourceLiteral';
import { StoryBackend } from './support/StoryBackend';
import { viteAppSnippet } from './support/viteAppSnippet';
import { TokenPlayground } from './support/TokenPlayground';
import { withRoomTokenProvider } from './support/withRoomTokenProvider';

// What "Show code" gives: an app's module (its default export, as a new Vite app's main.tsx
// imports it), with the provider that names the token source, and the Vite proxy for /api.
const hookSnippet = (request: TokenRequest | null) =>
  viteAppSnippet(`import { RoomTokenProvider, useRoomMemberToken, type TokenRequest } from 'react-room-token';

// The provider names the token source: your backend's endpoint, which
// createRoomTokenHandler from 'react-room-token/server' serves.
export default function App() {
  return (
    <RoomTokenProvider endpoint="/api/room-token">
      <ChatSeat request={${sourceLiteral(request)}} />
    </RoomTokenProvider>
  );
}

// \`request\` is null until there is one to make ("not yet"): then nothing is fetched.
function ChatSeat({ request }: { request: TokenRequest | null }) {
  const { token, error, isLoading, isValidating, refresh } = useRoomMemberToken(request);
  if (!request) return <p>Choose a room to chat in.</p>;
  if (error && !token) return <p role="alert">No chat token: {error.code}</p>;
  if (isLoading || !token) return <p role="status">Getting a chat token…</p>;
  return (
    <p>
      Chat token of {token.length} characters{isValidating ? ' (refreshing)' : ''}.{' '}
      <button type="button" onClick={() => void refresh()}>
        Refresh
      </button>
    </p>
  );
}
`);

/** A story's description for its Docs page: what it shows, then its request count and why. */
const explain = (shows: string, requests: number, why: string) => ({ docs: { description: { story: `${shows}\n\n**${requestCount(requests)}** ${why}` } } });

const PLAYGROUND_REQUEST: TokenRequest = {
  roomId: 'studio-7',
  userId: 'viewer-grace',
  permissions: ['PermissionChat'],
  metadata: { seat: 'front-row' },
};
const BAD_REQUEST: TokenRequest = { roomId: 'studio-7', userId: '', permissions: ['PermissionChat'] };

const meta = {
  title: 'useRoomMemberToken',
  component: TokenPlayground,
  decorators: [withRoomTokenProvider],
  args: {
    request: PLAYGROUND_REQUEST,
  },
  argTypes: {
    request: { control: 'object' },
    // The story's provider supplies the source (its fake backend); a hook may override it.
    endpoint: { control: false },
    dev: { control: false },
    fetchToken: { control: false },
    headers: { control: false },
    credentials: { control: 'select', options: ['omit', 'same-origin', 'include'] },
  },
  parameters: {
    docs: {
      description: {
        component: [
          '`useRoomMemberToken(request, options?)` gets a room member token and keeps it while the component is mounted. The table lists its arguments: `request`, then the options, which override those of a `RoomTokenProvider` above (the token source — `endpoint`, `dev` or `fetchToken` — is replaced as a whole).',
          'It returns `{ token, error, isLoading, isValidating, refresh }`: `error` is always a `RoomTokenError` (`code`, `status`, `retryable`), and `refresh()` resolves a new token, or `undefined` if that failed (the current token stays).',
          'In these stories the package’s fake token service plays the app’s backend, one per story on this page; the table under each story lists the requests it received. Change the controls of the first story: each distinct request makes one request, and a request already shown is not fetched again.',
        ].join('\n\n'),
      },
      source: {
        language: 'tsx',
        code: hookSnippet(PLAYGROUND_REQUEST),
      },
    },
  },
} satisfies Meta<typeof TokenPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Playground: Story = {
  parameters: {
    storyBackend: new StoryBackend('playground', { latencyMs: 400 }),
    ...explain(
      'Change the request or the options with the controls, and watch what the hook returns.',
      1,
      'one for the request shown; each new request makes one more, and a request already fetched is not fetched again.',
    ),
  },
  play: async ({ canvas, args }) => {
    await waitFor(() => expect(canvas.getByLabelText('token')).toHaveTextContent(/[\w-]{6}…[\w-]{4} \(342 characters\)/), {
      timeout: 5000,
    });
    await expect(canvas.getByLabelText('error')).toHaveTextContent('—');
    const log = canvas.getByRole('table', { name: 'Requests to the backend' });
    await expect(log).toHaveTextContent('Requests to the backend: 1');
    for (const permission of args.request?.permissions ?? []) await expect(log).toHaveTextContent(permission);
    await expect(log).toHaveTextContent(JSON.stringify(args.request?.metadata ?? {}));
  },
};

export const NotYet: Story = {
  name: 'Not yet (null)',
  args: { request: null },
  parameters: {
    storyBackend: new StoryBackend('not-yet'),
    docs: {
      source: { code: hookSnippet(null) },
      description: { story: `\`null\` means "not yet": no token and no error.\n\n**${requestCount(0)}** there is nothing to ask for until the request is there.` },
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByLabelText('token')).toHaveTextContent('—');
    await expect(canvas.getByLabelText('error')).toHaveTextContent('—');
    await expect(canvas.getByLabelText('isLoading')).toHaveTextContent('false');
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 0');
  },
};

export const RejectsBadInput: Story = {
  name: 'Rejects bad input',
  args: { request: BAD_REQUEST },
  parameters: {
    storyBackend: new StoryBackend('bad-input'),
    docs: {
      source: { code: hookSnippet(BAD_REQUEST) },
      description: { story: `An empty user id is refused with a typed error (\`invalid_argument\`, not retryable).\n\n**${requestCount(0)}** the request is checked before anything is sent, and this one cannot be sent.` },
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByLabelText('error')).toHaveTextContent(/^invalid_argument: /);
    await expect(canvas.getByLabelText('retryable')).toHaveTextContent('false');
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 0');
  },
};
