import type { Decorator } from '@storybook/react-vite';
import { RoomTokenProvider, type TokenSourceOptions } from '../../src';
import { RequestLog } from './RequestLog';
import type { StoryBackend } from './StoryBackend';

/**
 * Gives every story a RoomTokenProvider of its own (a fresh token cache, keyed by the story
 * so that nothing carries over between stories) with the story's backend as the source,
 * and shows that backend's request log under the story.
 */
export const withRoomTokenProvider: Decorator = (Story, { id, parameters }) => {
  const backend = parameters.storyBackend as StoryBackend | undefined;
  const options = parameters.roomTokenProvider as TokenSourceOptions | undefined;
  return (
    <RoomTokenProvider key={id} {...backend?.source} {...options}>
      <Story />
      {backend && <RequestLog backend={backend} />}
    </RoomTokenProvider>
  );
};

/** Starts the story's backend script over before each render of the story. */
export function resetStoryBackend({ parameters }: { parameters: Record<string, unknown> }): void {
  (parameters.storyBackend as StoryBackend | undefined)?.reset();
}
