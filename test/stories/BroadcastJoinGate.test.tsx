// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createFakeTokenService } from '../../src/testing';
import * as stories from '../../stories/BroadcastJoinGate.stories';
import { LOCAL_FAKE_KEY } from '../../stories/support/localFakeService';
import { shortToken } from '../../stories/support/shortToken';
import { backendOf, playStory } from './support';

const { Waiting, Joined, Denied, UpstreamDown, RecoversOnRetry, CustomFallbacks, ServerMinted, DevMode } = composeStories(stories);

// Retries with backoff take a second or two; a busy machine must not fail them on time alone.
describe('BroadcastJoinGate stories', { timeout: 20_000 }, () => {
  it('Waiting: while the slow backend answers, a person sees the status and not the room', async () => {
    await playStory(Waiting);

    expect(backendOf(Waiting).fake.calls).toHaveLength(1);
    expect(backendOf(Waiting).fake.issued).toHaveLength(0);
  });

  it('Joined: shows the room with a shortened token, never the whole token', async () => {
    const { container } = await playStory(Joined);

    const [issued] = backendOf(Joined).fake.issued;
    expect(container.textContent).toContain(shortToken(issued!.token));
    expect(container.textContent).not.toContain(issued!.token);
  });

  it('Denied: shows the denial and a Retry button; Retry asks once more and joins', async () => {
    await playStory(Denied);

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    const room = await screen.findByRole('region', { name: 'Broadcast room' });
    expect(room.textContent).toContain(shortToken(backendOf(Denied).fake.issued[0]!.token));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(backendOf(Denied).requests.log().map((entry) => entry.answer)).toEqual(['permission_denied', 'token']);
  });

  it('Upstream down: four tries in all (the default 3 retries), then the error', async () => {
    await playStory(UpstreamDown);

    expect(backendOf(UpstreamDown).fake.issued).toHaveLength(0);
    expect(backendOf(UpstreamDown).fake.calls).toHaveLength(4);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Retry']);
  });

  it('Recovers on retry: joins on the third try without ever showing an error', async () => {
    await playStory(RecoversOnRetry);

    expect(backendOf(RecoversOnRetry).fake.issued).toHaveLength(1);
  });

  it('Custom fallbacks: the custom error’s own button retries, and the children function gets the token', async () => {
    await playStory(CustomFallbacks);

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    const live = await screen.findByText(/^Live, with a token/);
    const [issued] = backendOf(CustomFallbacks).fake.issued;
    expect(live.textContent).toBe(`Live, with a token of ${issued!.token.length} characters.`);
  });

  it('Server-minted token: the room shows from the first render, and the backend gets no request', async () => {
    await playStory(ServerMinted);

    expect(screen.getByRole('region', { name: 'Broadcast room' })).toBeTruthy();
    expect(backendOf(ServerMinted).fake.calls).toHaveLength(0);
  });

  it('a story visited again plays its script from the start', async () => {
    await playStory(Denied);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('region', { name: 'Broadcast room' });

    await playStory(Denied);

    expect(backendOf(Denied).requests.log().map((entry) => entry.answer)).toEqual(['permission_denied']);
  });

  it('Dev mode: joins through the fake service over real HTTP, warning once without showing the key', async () => {
    const fake = createFakeTokenService({ apiKey: LOCAL_FAKE_KEY });
    const server = await fake.listen();
    onTestFinished(() => server.close());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    await playStory(DevMode, { devBaseUrl: server.url });

    expect(fake.issued).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Broadcast room' }).textContent).toContain(shortToken(fake.issued[0]!.token));
    expect(screen.getByRole('table', { name: 'Requests to the backend' }).textContent).toMatch(/Requests to the backend: 1.*host-ada.*token$/s);
    await waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(String(warn.mock.calls[0]![0])).toMatch(/dev mode/);
    expect(String(warn.mock.calls[0]![0])).not.toContain(LOCAL_FAKE_KEY);
  });
});
