import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { PERMISSIONS } from '../src';
import { handlersOf, StoryBackend } from './support/StoryBackend';
import { TokenPlayground } from './support/TokenPlayground';
import { resetStoryBackend, withRoomTokenProvider } from './support/withRoomTokenProvider';

const backends = {
  playground: new StoryBackend('playground', { latencyMs: 400 }),
  badInput: new StoryBackend('bad-input'),
};

const meta = {
  title: 'useRoomMemberToken',
  component: TokenPlayground,
  decorators: [withRoomTokenProvider],
  beforeEach: resetStoryBackend,
  args: {
    roomId: 'studio-7',
    userId: 'viewer-grace',
    permissions: ['PermissionChat'],
    metadata: { seat: 'front-row' },
    enabled: true,
  },
  argTypes: {
    roomId: { control: 'text' },
    userId: { control: 'text' },
    permissions: { control: 'check', options: PERMISSIONS.map((p) => p.name) },
    metadata: { control: 'object', description: 'String values only: anything else is refused before a request.' },
    enabled: { control: 'boolean', description: 'Off passes `null`: no request.' },
  },
  parameters: {
    msw: { handlers: handlersOf(backends) },
    docs: {
      description: {
        component:
          'A playground for `useRoomMemberToken`: change the request with the controls and watch the hook’s state and the requests the (fake) backend receives. Each distinct request mints a token; the same request is not fetched again while it is shown.',
      },
    },
  },
} satisfies Meta<typeof TokenPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Change room, user, permissions or metadata: each new request makes one request. */
export const Playground: Story = {
  parameters: { storyBackend: backends.playground },
  play: async ({ canvas, args }) => {
    await waitFor(() => expect(canvas.getByLabelText('token')).toHaveTextContent(/[\w-]{6}…[\w-]{4} \(342 characters\)/), {
      timeout: 5000,
    });
    await expect(canvas.getByLabelText('error')).toHaveTextContent('—');
    const log = canvas.getByRole('table', { name: 'Requests to the backend' });
    await expect(log).toHaveTextContent('Requests to the backend: 1');
    for (const permission of args.permissions ?? []) await expect(log).toHaveTextContent(permission);
    await expect(log).toHaveTextContent(JSON.stringify(args.metadata ?? {}));
  },
};

/** An empty user id is refused with a typed error before any request is made. */
export const RejectsBadInput: Story = {
  name: 'Rejects bad input',
  args: { userId: '' },
  parameters: { storyBackend: backends.badInput },
  play: async ({ canvas }) => {
    await expect(await canvas.findByLabelText('error')).toHaveTextContent(/^invalid_argument: /);
    await expect(canvas.getByLabelText('retryable')).toHaveTextContent('false');
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 0');
  },
};
