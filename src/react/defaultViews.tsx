import type { ReactNode } from 'react';
import type { RoomTokenError } from '../core/RoomTokenError';
import { useErrorView } from './useErrorView';

/** The gate's default loading view: a polite live region. @internal */
export const DEFAULT_FALLBACK = (
  <div role="status" aria-live="polite">
    Joining the broadcast…
  </div>
);

/** The gate's default error view: a message for people, with Retry where it can help. @internal */
export function DefaultError({ error, retry }: { error: RoomTokenError; retry: () => void }): ReactNode {
  const { text, canRetry } = useErrorView(error);
  return (
    <div role="alert">
      <p>{text}</p>
      {canRetry && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}
