import type { ReactNode } from 'react';
import { useRoomMemberToken, type TokenRequest } from '../../src';
import { shortToken } from './shortToken';

/**
 * The arguments of `useRoomMemberToken(request, options)` as props: `request`, then every
 * option, read from the hook's own signature so that the Docs table follows the source.
 */
export type UseRoomMemberTokenArguments = NonNullable<Parameters<typeof useRoomMemberToken>[1]> & {
  /**
   * The first argument: the token to get (room, user, permissions, metadata). `null` (or
   * `undefined`) means "not yet": no request, no error.
   */
  request: TokenRequest | null;
};

/**
 * Calls `useRoomMemberToken(request, options)` with its props and shows everything the hook
 * returns (the token only shortened), with a Refresh button.
 */
export function TokenPlayground({ request, ...options }: UseRoomMemberTokenArguments): ReactNode {
  const { token, error, isLoading, isValidating, refresh } = useRoomMemberToken(request, options);
  const rows: [string, string][] = [
    ['token', token ? shortToken(token) : '—'],
    ['error', error ? `${error.code}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}` : '—'],
    ['retryable', error ? String(error.retryable) : '—'],
    ['isLoading', String(isLoading)],
    ['isValidating', String(isValidating)],
  ];
  return (
    <div>
      <dl aria-label="Hook state" style={{ display: 'grid', gridTemplateColumns: 'max-content auto', gap: '4px 16px' }}>
        {rows.map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt style={{ fontWeight: 600 }}>{name}</dt>
            <dd style={{ margin: 0 }} aria-label={name}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => void refresh()} disabled={!request}>
        Refresh
      </button>
    </div>
  );
}
