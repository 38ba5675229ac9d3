// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import * as stories from '../../stories/useSuspenseRoomMemberToken.stories';
import { shortToken } from '../../stories/support/shortToken';
import { backendOf, playStory } from './support';

const { Joined, DeniedThenTryAgain } = composeStories(stories);

describe('useSuspenseRoomMemberToken stories', () => {
  it('Joined: the fallback, then the room with the token of the one request made', async () => {
    await playStory(Joined);

    const { fake } = backendOf(Joined);
    expect(fake.calls).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Broadcast room' }).textContent).toContain(shortToken(fake.issued[0]!.token));
  });

  it('Denied → Try again: the error boundary shows the denial; its reset fetches again and joins', async () => {
    // React names the error the boundary caught in the console.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await playStory(DeniedThenTryAgain);
      expect(consoleError.mock.calls.flat()).toContainEqual(expect.objectContaining({ code: 'permission_denied' }));
    } finally {
      consoleError.mockRestore();
    }
    const { fake } = backendOf(DeniedThenTryAgain);
    expect(fake.calls).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Broadcast room' }).textContent).toContain(shortToken(fake.issued[0]!.token));
  });
});
