import type { ReactNode } from 'react';
import { useRoomMemberToken, type Permission } from '../../src';
import { shortToken } from './shortToken';

/** Props of {@link TokenPlayground}: a token request, field by field. */
export interface TokenPlaygroundProps {
  roomId: string;
  userId: string;
  permissions?: Permission[];
  metadata?: Record<string, string>;
  /** Off passes `null` to the hook: "not yet", and no request. */
  enabled?: boolean;
}

/** Shows everything `useRoomMemberToken` returns for a request, and a Refresh button. */
export function TokenPlayground({ roomId, userId, permissions, metadata, enabled = true }: TokenPlaygroundProps): ReactNode {
  const { token, error, isLoading, isValidating, refresh } = useRoomMemberToken(
    enabled ? { roomId, userId, permissions, metadata } : null,
  );
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
      <button type="button" onClick={() => void refresh()} disabled={!enabled}>
        Refresh
      </button>
    </div>
  );
}
