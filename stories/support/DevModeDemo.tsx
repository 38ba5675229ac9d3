import type { ReactNode } from 'react';

/**
 * The frame of the Dev mode story: what the page calls and why it makes the requests it
 * makes (`about`), then the gate. The log of the calls (they go out over real HTTP; msw only
 * watches) is the story provider's, as for every story: see `LoopbackCalls`.
 */
export function DevModeDemo({ baseUrl, about, children }: { baseUrl: string; about: string; children: ReactNode }): ReactNode {
  return (
    <>
      <p>
        This page calls the token service itself, at <code>{baseUrl}</code>, with a made-up test key: the package’s fake
        service, which <code>npm start</code> runs. The Code tab shows the app code, which keeps the key out of
        production builds.
      </p>
      <p aria-label="About the requests">{about}</p>
      {children}
    </>
  );
}
