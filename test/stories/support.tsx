import { setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render } from '@testing-library/react';
import type { SetupWorker } from 'msw/browser';
import { setupServer } from 'msw/node';
import { mswLoader } from 'msw-storybook-addon/csf3';
import type { ReactNode } from 'react';
import { within } from 'storybook/test';
import { afterAll, afterEach, beforeAll } from 'vitest';
import preview from '../../.storybook/preview';
import type { FakeBackend, StoryBackend } from '../../stories/support/StoryBackend';

// The stories' network, in Node: msw's server instead of the browser worker, fed each
// story's `parameters.msw.handlers` by the same loader Storybook uses. Anything a story
// did not declare fails the test.
const server = setupServer();
// The loader only calls `use` and `resetHandlers`, which the server has too.
const annotations = setProjectAnnotations([{ ...preview, loaders: [mswLoader(() => server as unknown as SetupWorker)] }]);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  await annotations.beforeAll?.();
});
afterEach(() => cleanup());
afterAll(() => server.close());

/** What `composeStories` gives for one story, as far as these tests use it. */
type ComposedStory<Args> = ((args: Partial<Args>) => ReactNode) & {
  load(): Promise<void>;
  play?: (context: { canvasElement: HTMLElement; canvas: ReturnType<typeof within>; args: Partial<Args> }) => Promise<void>;
  args: Partial<Args>;
  parameters: Record<string, unknown>;
};

/**
 * Renders a story as Storybook does (loaders, beforeEach, decorators), then runs its play
 * function; the story is unmounted after the test.
 */
export async function playStory<Args>(Story: ComposedStory<Args>, args: Partial<Args> = {}) {
  if (!Story.play) throw new Error('this story has no play function to run');
  await Story.load();
  const view = render(<Story {...args} />);
  await Story.play({ canvasElement: view.container, canvas: within(view.container), args: { ...Story.args, ...args } });
  return view;
}

/** The fake backend behind the latest render of a story. */
export function backendOf(Story: { parameters: Record<string, unknown> }): FakeBackend {
  const backend = (Story.parameters.storyBackend as StoryBackend | undefined)?.latest;
  if (!backend) throw new Error('this story has not been rendered with a backend of its own');
  return backend;
}
