import type { ResolvedSource } from './resolveTokenSource';
import type { TokenRequest } from './TokenRequest';

const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What makes two token requests the same: the source kind and its URL, the room, the user,
 * the permissions and the metadata — in any order, duplicates aside. Functions (`fetchToken`,
 * `headers`) are not part of it, so an inline arrow never makes a new identity.
 * @internal
 */
export function identityOf({ kind, target }: ResolvedSource, { roomId, userId, permissions = [], metadata = {} }: TokenRequest): string {
  return JSON.stringify([kind, target, roomId, userId, [...new Set(permissions)].sort(), Object.entries(metadata).sort(byKey)]);
}
