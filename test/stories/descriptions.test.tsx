// @vitest-environment jsdom
// Each story's description (its Docs page shows it above the story) says what the story shows
// and how many requests it makes, and why. Here every story is rendered as on a Docs page
// (loaders and decorators, no play function) and its request log must come to that count.
// The Chromium test (test/e2e/storybook.e2e.ts) reads the same on the built Docs pages.
import { composeStories } from '@storybook/react-vite';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as gate from '../../stories/BroadcastJoinGate.stories';
import * as catalogue from '../../stories/PermissionCatalogue.stories';
import { statedRequestCount } from '../../stories/support/requestCount';
import * as hook from '../../stories/useRoomMemberToken.stories';
import * as suspense from '../../stories/useSuspenseRoomMemberToken.stories';
import './support';

interface Composed {
  (): React.ReactNode;
  id: string;
  load(): Promise<void>;
  parameters: { docs?: { description?: { story?: string } } };
}

const stories = [gate, catalogue, hook, suspense].flatMap((file) => Object.values(composeStories(file)) as unknown as Composed[]);

describe('story descriptions', () => {
  it('every story has one, saying what it shows and then its request count and why', () => {
    const missing = stories
      .filter((Story) => {
        const [shows, count] = Story.parameters.docs?.description?.story?.split('\n\n') ?? [];
        return !shows || !count || statedRequestCount(count) === undefined;
      })
      .map((Story) => Story.id);

    expect(missing).toEqual([]);
  });

  // Dev mode calls the fake that `npm start` runs on a fixed port: its count is checked in
  // Chromium, against the fake the e2e test runs there.
  it.each(stories.filter((Story) => Story.id !== 'broadcastjoingate--dev-mode').map((Story) => [Story.id, Story] as const))(
    '%s: its request log comes to the count its description states',
    { timeout: 30_000 },
    async (_id, Story) => {
      const stated = statedRequestCount(Story.parameters.docs!.description!.story!);
      await Story.load();
      render(<Story />);

      const shown = async () => {
        const log = screen.queryByRole('table', { name: 'Requests to the backend' });
        // A story with no backend shows no log, and makes no request.
        if (!log) return 0;
        expect(screen.queryAllByRole('cell', { name: 'waiting' })).toHaveLength(0);
        return Number(/(\d+)$/.exec(log.querySelector('caption')!.textContent ?? '')?.[1]);
      };
      // Retries back off for a few seconds; wait for the count, then for every answer.
      await waitFor(async () => expect(await shown()).toBe(stated), { timeout: 20_000 });
    },
  );
});
