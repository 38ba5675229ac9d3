import { useEffect, useRef, type ReactNode } from 'react';
import type { RoomTokenError } from '../core/RoomTokenError';
import { useErrorView } from './useErrorView';

/**
 * Moves focus to the element once `focus` turns true: after a Retry press the button that had
 * it is gone, and a keyboard or screen-reader user must not be left at the top of the page.
 */
function useFocusWhen<T extends HTMLElement>(focus: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return ref;
}

/** The gate's default loading view: a polite live region; focused after a Retry press. @internal */
export function DefaultFallback({ focus = false }: { focus?: boolean }): ReactNode {
  const ref = useFocusWhen<HTMLDivElement>(focus);
  return (
    <div role="status" aria-live="polite" tabIndex={-1} ref={ref}>
      Joining the broadcast…
    </div>
  );
}

/**
 * The gate's default error view: a message for people, with Retry where it can help. After a
 * Retry press that failed again, focus goes to the new Retry button (or, with none, the message).
 * @internal
 */
export function DefaultError({ error, retry, focus = false }: { error: RoomTokenError; retry: () => void; focus?: boolean }): ReactNode {
  const { text, canRetry } = useErrorView(error);
  const alert = useFocusWhen<HTMLDivElement>(focus && !canRetry);
  const button = useFocusWhen<HTMLButtonElement>(focus && canRetry);
  return (
    <div role="alert" tabIndex={-1} ref={alert}>
      <p>{text}</p>
      {canRetry && (
        <button type="button" onClick={retry} ref={button}>
          Retry
        </button>
      )}
    </div>
  );
}
