import type { ResolvedSource } from './resolveTokenSource';
import type { TokenRequest } from './TokenRequest';

const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What makes two token requests the same: the source kind and its URL, the room, the user,
 * the permissions and the metadata — in any order, duplicates aside. Functions (`fetchToken`,
 * `headers`) are not part of it, so an inline arrow never makes a new identity.
 * @internal
 */
export function identityOf({ kind, target }: ResolvedSource, request: TokenRequest): string {
  return JSON.stringify([kind, target, ...requestParts(request)]);
}

const requestParts = ({ roomId, userId, permissions = [], metadata = {} }: TokenRequest) => [
  roomId,
  userId,
  [...new Set(permissions)].sort(),
  Object.entries(metadata).sort(byKey),
];

/**
 * The request's part of its identity, whatever the source: the key under which a token minted
 * on the server for it is found (`initialTokens`, SWR's `fallback`). Prefixed, so that it
 * cannot be one of the app's own SWR keys.
 * @internal
 */
export const requestKeyOf = (request: TokenRequest): string => `room-token:${JSON.stringify(requestParts(request))}`;
