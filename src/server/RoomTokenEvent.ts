import type { RoomTokenErrorCode } from '../core/RoomTokenError';
import type { HandlerAnswer } from './HandlerAnswer';

/**
 * How a handled call ended, for {@link RoomTokenEvent}:
 * - `'minted'`: tokens issued (200);
 * - `'denied'`: `authorize` returned `false` (403 `permission_denied`);
 * - `'limited'`: over the `rateLimit` limit (429 `resource_exhausted`);
 * - `'invalid'`: the caller's request was refused (400, 405, 408, 413, 415; an upstream that
 *   refused the request itself as invalid included), or the caller went away (499 `canceled`);
 * - `'upstream_error'`: the upstream call failed (unreachable, 5xx or 429, timed out, a rejected
 *   server key, an unexpected answer): 503, 504, 500 or 502;
 * - `'internal'`: this server's own fault: a missing key, an `authorize` that threw or returned
 *   an invalid request, a failed limiter, a bug (500 or 503).
 *
 * @example
 * const alerting: RoomTokenEventType[] = ['upstream_error', 'internal'];
 */
export type RoomTokenEventType = 'minted' | 'denied' | 'limited' | 'invalid' | 'upstream_error' | 'internal';

/**
 * What the handler tells `onEvent` about one handled call (an HTTP request or a `mint`): how it
 * ended and how long it took. It never holds a token, a key, a user id or a request body.
 *
 * @example
 * const event: RoomTokenEvent = { type: 'minted', status: 200, tokens: 1, durationMs: 41.2, upstreamMs: 38.9 };
 */
export interface RoomTokenEvent {
  /** How the call ended. */
  type: RoomTokenEventType;
  /** The HTTP status of the answer (for `mint`, of the answer an HTTP call would have got): 200 when minted. */
  status: number;
  /** The Connect error code of the answer; absent when tokens were minted. */
  code?: RoomTokenErrorCode;
  /**
   * How many tokens the call asked for (those minted, when `'minted'`); 0 when its body could
   * not be read far enough to count them. `mint` asks for one.
   */
  tokens: number;
  /** The whole call, in milliseconds (fractional), from the request to the answer. */
  durationMs: number;
  /** The upstream call's part of it, in milliseconds; absent when the upstream was not called. */
  upstreamMs?: number;
}

/**
 * The event type of an answer: `undefined` for tokens minted, else the answer given, and
 * whether the upstream call failed on the way to it.
 * @internal
 */
export function eventTypeOf(answer: HandlerAnswer | undefined, upstreamFailed: boolean): RoomTokenEventType {
  if (!answer) return 'minted';
  if (answer.code === 'permission_denied') return 'denied';
  // The rate limit is the only step that answers 429: an upstream 429 is answered 503.
  if (answer.status === 429) return 'limited';
  if (answer.status < 500) return 'invalid';
  return upstreamFailed ? 'upstream_error' : 'internal';
}
