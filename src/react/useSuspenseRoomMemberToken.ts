import { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import type { RoomMemberTokenOptions } from './useRoomMemberToken';
import { useTokenBinding } from './useTokenBinding';

/**
 * What {@link useSuspenseRoomMemberToken} returns: always a token.
 *
 * @example
 * const { token, refresh }: SuspenseRoomMemberTokenState = useSuspenseRoomMemberToken(request);
 */
export interface SuspenseRoomMemberTokenState {
  /** The token: the component renders only once there is one; kept through refreshes. */
  token: string;
  /** Mints a new token (joining a call under way) and resolves it, or `undefined` if that failed; never suspends. */
  refresh: () => Promise<string | undefined>;
}

// Errors thrown to a boundary, with the timer that ends their render pass. React renders again
// after a throw (to recover, and twice in StrictMode), in the same task or in the next few:
// those renders throw the error too. A render after a quiet while is the boundary reset (or
// its key changed): that one tries again instead of throwing the same error (vercel/swr#2935).
const thrown = new WeakMap<RoomTokenError, ReturnType<typeof setTimeout> | true>();
const RENDER_PASS_MS = 100;

function throwOnce(error: RoomTokenError, again: (() => Promise<void>) | undefined): never {
  const pass = thrown.get(error);
  if (pass === true && again) throw again();
  if (pass !== true) {
    clearTimeout(pass);
    thrown.set(error, setTimeout(() => thrown.set(error, true), RENDER_PASS_MS));
  }
  throw error;
}

/**
 * Gets a room member token with Suspense: the component suspends until the first token (the
 * nearest `<Suspense>` shows its fallback), and a failure is thrown to the nearest error
 * boundary as a `RoomTokenError`; once that boundary is reset (a render 100 ms or more after
 * the throw), rendering again fetches again.
 * The same sharing as {@link useRoomMemberToken}: one call per request however many components
 * (and StrictMode, and concurrent renders) ask. `refresh()` and `refreshInterval` keep the
 * current token showing — children that show never suspend again for them, and a failed
 * refresh keeps the token (and throws nothing). In a server render it needs a token minted on
 * the server (the `initialToken` option, or the provider's `initialTokens`): without one it
 * makes no request and throws, so that React sends the Suspense fallback in the HTML and
 * renders the boundary on the client.
 *
 * @example
 * function Stage({ roomId, userId }: { roomId: string; userId: string }) {
 *   const { token, refresh } = useSuspenseRoomMemberToken({ roomId, userId, metadata: { mcuStream: 'true' } });
 *   return <Room token={token} onExpired={refresh} />;
 * }
 * <ErrorBoundary fallbackRender={({ resetErrorBoundary }) => <button onClick={resetErrorBoundary}>Try again</button>}>
 *   <Suspense fallback={<p role="status">Joining…</p>}><Stage roomId="r1" userId="u1" /></Suspense>
 * </ErrorBoundary>
 */
export function useSuspenseRoomMemberToken(request: TokenRequest, options?: RoomMemberTokenOptions): SuspenseRoomMemberTokenState {
  const { token, error, isValidating, refresh, load } = useTokenBinding(request, options);
  if (token) return { token, refresh };
  if (error && !isValidating) throwOnce(error, load && (() => load(true)));
  if (!load) {
    throw new RoomTokenError('unavailable', 'useSuspenseRoomMemberToken: no token minted on the server for this request, so the server render shows the Suspense fallback and the client fetches the token');
  }
  throw load(false);
}
