import { useEffect, useState } from 'react';
import { timerMs } from '../core/abortable';
import type { RoomTokenError } from '../core/RoomTokenError';

/**
 * What the gate's default error view shows for an error, on the web and on React Native
 * alike: a sentence for the person at the screen, and whether a Retry button helps.
 * @internal
 */
export interface ErrorView {
  /** For people; the technical text stays in `error.message`. */
  text: string;
  /** Show Retry: trying again can help, and the server's `Retry-After` window has passed. */
  canRetry: boolean;
}

// Sign-in or a host's change of mind can lift a denial; trying again cannot fix a set-up.
const DENIED = /^(permission_denied|unauthenticated)$/;

/** "2 minutes": a wait in words, rounded up, so that trying at the time said works. */
function inWords(ms: number): string {
  const [n, unit] = ms <= 60_000 ? [ms / 1000, 'second'] : ms <= 3_600_000 ? [ms / 60_000, 'minute'] : ms <= 172_800_000 ? [ms / 3_600_000, 'hour'] : [ms / 86_400_000, 'day'];
  const whole = Math.max(1, Math.ceil(n));
  return `${whole} ${unit}${whole === 1 ? '' : 's'}`;
}

/**
 * The default error view's text and Retry rule. While the server's `Retry-After` window is
 * open, the view says when to try again and offers no Retry (a press inside it would make no
 * call); once it has passed, Retry shows: no button is ever dead.
 * @internal
 */
export function useErrorView(error: RoomTokenError): ErrorView {
  const wait = error.retryAfterMs ?? 0;
  // The error whose window has passed: a new error opens its own.
  const [passed, setPassed] = useState<RoomTokenError>();
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setPassed(error), timerMs(wait));
    return () => clearTimeout(timer);
  }, [error, wait]);
  if (DENIED.test(error.code)) return { text: 'You are not allowed to join this broadcast.', canRetry: true };
  if (!error.retryable) return { text: 'Joining this broadcast is not set up correctly.', canRetry: false };
  const waiting = wait > 0 && passed !== error;
  return {
    text: `The broadcast service is not available right now.${waiting ? ` Try again in ${inWords(wait)}.` : ''}`,
    canRetry: !waiting,
  };
}
