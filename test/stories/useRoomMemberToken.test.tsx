// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as stories from '../../stories/useRoomMemberToken.stories';
import { shortToken } from '../../stories/support/shortToken';
import { backendOf, playStory } from './support';

const { Playground, NotYet, RejectsBadInput } = composeStories(stories);

describe('useRoomMemberToken playground stories', () => {
  it('Playground: shows the token of the one request made, in short', async () => {
    await playStory(Playground);

    const { fake } = backendOf(Playground);
    expect(fake.issued.map((entry) => entry.request)).toEqual([
      { roomId: 'studio-7', userId: 'viewer-grace', permissions: ['PermissionChat'], metadata: { seat: 'front-row' } },
    ]);
    expect(screen.getByLabelText('token').textContent).toBe(shortToken(fake.issued[0]!.token));
  });

  it('Playground: Refresh mints a new token with a second request', async () => {
    await playStory(Playground);
    const { fake } = backendOf(Playground);

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(screen.getByLabelText('token').textContent).toBe(shortToken(fake.issued[1]!.token)));
    expect(backendOf(Playground).requests.log()).toHaveLength(2);
  });

  it('Playground: a changed control is a new request, and the log keeps the earlier one', async () => {
    const view = await playStory(Playground);

    // What a control change does: the same story, rendered again with other args.
    view.rerender(
      <Playground request={{ roomId: 'studio-7', userId: 'viewer-grace', permissions: ['PermissionRoomKick'], metadata: { seat: 'balcony' } }} />,
    );

    await waitFor(() => expect(backendOf(Playground).fake.issued.at(-1)?.request.permissions).toEqual(['PermissionRoomKick']));
    const log = screen.getByRole('table', { name: 'Requests to the backend' });
    await waitFor(() => expect(log.textContent).toContain('Requests to the backend: 2'));
    expect(log.textContent).toContain('{"seat":"front-row"}');
    expect(log.textContent).toContain('{"seat":"balcony"}');
  });

  it('Not yet: null shows no token, no error and makes no request until there is a request', async () => {
    await playStory(NotYet);
    const { fake } = backendOf(NotYet);

    expect(fake.calls).toHaveLength(0);
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('Rejects bad input: a typed error and no request at all', async () => {
    await playStory(RejectsBadInput);

    expect(backendOf(RejectsBadInput).fake.calls).toHaveLength(0);
    expect(screen.getByLabelText('error').textContent).toMatch(/user/i);
  });
});
