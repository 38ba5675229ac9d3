import type { Decorator } from '@storybook/react-vite';
import { useEffect, useState, type ReactNode } from 'react';
import { RoomTokenProvider, type TokenSourceOptions } from '../../src';
import { RequestLog } from './RequestLog';
import type { StoryBackendOfRenders } from './StoryBackend';

/**
 * Gives every rendered story a RoomTokenProvider of its own (a fresh token cache) with a
 * backend of its own as the source (`parameters.storyBackend`), and shows that backend's
 * request log under the story. The log lives as long as the provider: a token in its cache
 * was counted when it was fetched (a log of its own under the story would start at 0 on a
 * remount while the cached token needs no request). A story rendered twice (a Docs page shows the first story at
 * the top and again in the list) gets two backends; a change of a control keeps the backend
 * and its log, while visiting the story again starts both afresh.
 */
export const withRoomTokenProvider: Decorator = (Story, { id, parameters }) => (
  <StoryProvider
    key={id}
    backend={parameters.storyBackend as StoryBackendOfRenders | undefined}
    options={parameters.roomTokenProvider as TokenSourceOptions | undefined}
  >
    <Story />
  </StoryProvider>
);

function StoryProvider({
  backend: story,
  options,
  children,
}: {
  backend: StoryBackendOfRenders | undefined;
  options: TokenSourceOptions | undefined;
  children: ReactNode;
}): ReactNode {
  const [backend] = useState(() => story?.start());
  useEffect(() => backend?.register(), [backend]);
  return (
    <RoomTokenProvider {...backend?.source} {...options}>
      {children}
      {backend && <RequestLog requests={backend.requests} />}
    </RoomTokenProvider>
  );
}
