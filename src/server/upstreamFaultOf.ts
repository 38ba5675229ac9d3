import { RoomTokenError } from '../core/RoomTokenError';

/**
 * A failing upstream, as its log line names it: no answer, a 5xx, a 429, or no answer in time.
 * @internal
 */
export type UpstreamFault = 'unreachable' | 'server_error' | 'rate_limited' | 'timeout';

/**
 * The fault of a failed upstream call, when it is one the upstream may get over by itself
 * (answered 503 or 504); `undefined` for the rest (a refused key, a wrong `baseUrl`, a refused
 * request, an odd answer), which the handler's answer table treats one by one.
 * @internal
 */
export function upstreamFaultOf(error: unknown): UpstreamFault | undefined {
  if (!(error instanceof RoomTokenError)) return undefined;
  const { code, status = 0 } = error;
  // Our own timeout has no status; an upstream that says deadline_exceeded is judged by its status.
  if (code === 'deadline_exceeded' && !status) return 'timeout';
  if (status >= 500) return 'server_error';
  if (status === 429) return 'rate_limited';
  // No answer at all, or one that broke off on the way.
  if (code === 'unavailable' && status < 300) return 'unreachable';
  return undefined;
}
