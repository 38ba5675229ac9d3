import { useEffect, useState, type ReactNode } from 'react';
import { RequestLog } from './RequestLog';
import { BackendLog, logLoopbackCalls } from './StoryBackend';

/**
 * The frame of the Dev mode story: what the page calls, the gate, and the log of the calls
 * the page made to the service on loopback (they go out over real HTTP; msw only watches).
 */
export function DevModeDemo({ baseUrl, children }: { baseUrl: string; children: ReactNode }): ReactNode {
  // Set up while rendering: the gate's first call may start before this component's effects.
  const [log] = useState(() => {
    const log = new BackendLog();
    logLoopbackCalls(log);
    return log;
  });
  useEffect(() => logLoopbackCalls(log), [log]);
  return (
    <>
      <p>
        This page calls the token service itself, at <code>{baseUrl}</code>, with a made-up test key: the package’s fake
        service, which <code>npm start</code> runs. The Code tab shows the app code, which keeps the key out of
        production builds.
      </p>
      {children}
      <RequestLog requests={log} />
    </>
  );
}
