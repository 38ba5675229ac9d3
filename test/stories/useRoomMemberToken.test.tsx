// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite';
import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as stories from '../../stories/useRoomMemberToken.stories';
import { shortToken } from '../../stories/support/shortToken';
import { backendOf, playStory } from './support';

const { Playground, RejectsBadInput } = composeStories(stories);

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
    expect(backendOf(Playground).log()).toHaveLength(2);
  });

  it('Playground: a changed control is a new request, and the log shows it', async () => {
    await playStory(Playground, { permissions: ['PermissionRoomKick'], metadata: { seat: 'balcony' } });

    const log = screen.getByRole('table', { name: 'Requests to the backend' });
    expect(log.textContent).toContain('PermissionRoomKick');
    expect(log.textContent).toContain('{"seat":"balcony"}');
    expect(backendOf(Playground).fake.issued.at(-1)!.request.permissions).toEqual(['PermissionRoomKick']);
  });

  it('Playground switched off passes null: no token, no error, no request until switched on', async () => {
    await Playground.load();
    const view = render(<Playground enabled={false} />);

    expect(screen.getByLabelText('token').textContent).toBe('—');
    expect(screen.getByLabelText('error').textContent).toBe('—');
    expect(screen.getByLabelText('isLoading').textContent).toBe('false');

    view.rerender(<Playground enabled />);
    await waitFor(() => expect(screen.getByLabelText('token').textContent).not.toBe('—'));
    expect(backendOf(Playground).log()).toHaveLength(1);
  });

  it('Rejects bad input: a typed error and no request at all', async () => {
    await playStory(RejectsBadInput);

    expect(backendOf(RejectsBadInput).fake.calls).toHaveLength(0);
    expect(screen.getByLabelText('error').textContent).toMatch(/user/i);
  });
});
