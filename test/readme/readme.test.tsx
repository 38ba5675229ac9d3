// @vitest-environment jsdom
// docs/swr-suspense.md's Suspense and SWR sections run as documented: each block is a tested copy in this
// folder (readmeBlocks.test.ts checks that they match), run here over loopback against the
// package's fake.
import { renderToString } from 'react-dom/server';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RoomTokenProvider } from '../../src';
import { startFake } from '../react/helpers';
import { LivePage as SuspensePage } from './SuspenseStage';
import { LivePage as SwrPage } from './SwrStage';

describe('docs: Suspense', () => {
  it('shows the fallback, then the stage; a denial reaches the boundary and Try again joins', async () => {
    let denied = true;
    const { endpoint, fake } = await startFake({ fault: () => (denied ? { code: 'permission_denied' } : undefined) });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <RoomTokenProvider {...endpoint}>
        <SuspensePage />
      </RoomTokenProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Joining…');
    expect((await screen.findByRole('alert', undefined, { timeout: 15_000 })).textContent).toContain('permission_denied');
    expect(consoleError.mock.calls.flat()).toContainEqual(expect.objectContaining({ code: 'permission_denied' }));
    consoleError.mockRestore();
    denied = false;
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(document.querySelector('section p')?.textContent).toBe(`ada is live in studio-7 with a token of ${fake.issued[0]?.token.length ?? 'no'} characters.`), { timeout: 15_000 });
    expect(fake.issued).toHaveLength(1);
  });
});

describe('docs: SWR', () => {
  it("a server token in SWR's fallback shows in the server HTML and on mount with no request; mutate() mints one", async () => {
    const { endpoint, fake, creates } = await startFake();
    // A length no token of the fake has: the page shows a token's length, never the token.
    const serverToken = `server-token-${'x'.repeat(64)}`;
    const shows = (token: string) => `On air with a token of ${token.length} characters.`;
    const page = (
      <RoomTokenProvider {...endpoint}>
        <SwrPage serverToken={serverToken} />
      </RoomTokenProvider>
    );
    expect(renderToString(page).replaceAll('<!-- -->', '')).toContain(shows(serverToken));
    render(page);
    expect(document.querySelector('section p')?.textContent).toBe(shows(serverToken));
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(creates()).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the token' }));
    await waitFor(() => expect(document.querySelector('section p')?.textContent).toBe(shows(fake.issued[0]?.token ?? '')), { timeout: 15_000 });
    expect(creates()).toHaveLength(1);
  });
});
