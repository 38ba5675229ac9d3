import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { requestCount } from './support/requestCount';
import { StoryBackend } from './support/StoryBackend';
import { viteAppSnippet } from './support/viteAppSnippet';
import { SuspenseStage } from './support/SuspenseStage';
import { withRoomTokenProvider } from './support/withRoomTokenProvider';

const NETWORK = { timeout: 5000 };

// What "Show code" gives: an app's module (its default export, as a new Vite app's main.tsx
// imports it), and the Vite proxy for /api.
const snippet = viteAppSnippet(`import { Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { RoomTokenProvider, useSuspenseRoomMemberToken } from 'react-room-token';

// Renders only once there is a token; a failure goes to the error boundary.
function Stage() {
  const { token, refresh } = useSuspenseRoomMemberToken({ roomId: 'studio-7', userId: 'host-ada', metadata: { mcuStream: 'true' } });
  return (
    <p>
      On air with a token of {token.length} characters.{' '}
      <button type="button" onClick={() => void refresh()}>
        Refresh
      </button>
    </p>
  );
}

export default function App() {
  return (
    <RoomTokenProvider endpoint="/api/room-token">
      <ErrorBoundary
        fallbackRender={({ resetErrorBoundary }) => (
          <button type="button" onClick={resetErrorBoundary}>
            Try again
          </button>
        )}
      >
        <Suspense fallback={<p role="status">Joining the broadcast…</p>}>
          <Stage />
        </Suspense>
      </ErrorBoundary>
    </RoomTokenProvider>
  );
}
`);

/** A story's description for its Docs page: what it shows, then its request count and why. */
const explain = (shows: string, requests: number, why: string) => ({ docs: { description: { story: `${shows}\n\n**${requestCount(requests)}** ${why}` } } });

const meta = {
  title: 'useSuspenseRoomMemberToken',
  component: SuspenseStage,
  decorators: [withRoomTokenProvider],
  args: { request: { roomId: 'studio-7', userId: 'host-ada', metadata: { mcuStream: 'true' } } },
  parameters: {
    docs: {
      description: {
        component:
          '`useSuspenseRoomMemberToken(request, options?)` returns `{ token, refresh }`: the component suspends until the first token (the nearest `<Suspense>` shows its fallback), a failure is thrown to the nearest error boundary as a `RoomTokenError`, and resetting that boundary fetches again. `refresh()` never brings the fallback back.',
      },
      source: { language: 'tsx', code: snippet },
    },
  },
} satisfies Meta<typeof SuspenseStage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Joined: Story = {
  parameters: {
    storyBackend: new StoryBackend('suspense-joined', { latencyMs: 400 }),
    ...explain('The Suspense fallback while the first token is on its way, then the room.', 1, 'the one fetch for the first token.'),
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Joining the broadcast…');
    const room = await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await expect(room).toHaveTextContent(/token [\w-]{6}…[\w-]{4}/);
    await expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 1');
  },
};

export const DeniedThenTryAgain: Story = {
  name: 'Denied → Try again',
  parameters: {
    ...explain(
      'A denial reaches the error boundary; Try again resets it, and the stage fetches again and joins (the story presses it by itself; here on the Docs page, press it).',
      1,
      'a denial is not retried, since asking again cannot help on its own; Try again fetches once more (2 in all).',
    ),
    storyBackend: new StoryBackend('suspense-denied', {
      fault: (n) => (n === 0 ? { code: 'permission_denied', message: 'host-ada may not broadcast in studio-7 yet' } : undefined),
    }),
  },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, NETWORK);
    await expect(alert).toHaveTextContent('You are not allowed to join this broadcast.');
    // A person reads the message before pressing the button.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await canvas.findByRole('region', { name: 'Broadcast room' }, NETWORK);
    await waitFor(() => expect(canvas.getByRole('table', { name: 'Requests to the backend' })).toHaveTextContent('Requests to the backend: 2'));
  },
};
