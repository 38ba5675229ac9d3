// The FLOOR: what an app writes by hand for one broadcaster token — a POST of the Create body,
// useState/useEffect, abort on unmount, children once the token is there. The per-request
// benchmark times the package against it, and the size table weighs it: one file for both.
import { useEffect, useState, type ReactNode } from 'react';

/** Fetches one broadcaster token (`mcuStream: "true"`) from `endpoint`; `headers` must be stable. */
export function useFloorToken(endpoint: string, roomId: string, userId: string, headers?: Record<string, string>): string | undefined {
  const [token, setToken] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    const body = JSON.stringify({ arguments: [{ user_id: userId, room_id: roomId, metadata: { mcuStream: 'true' }, permissions: [] }] });
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: controller.signal })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((answer: { tokens?: string[] }) => setToken(answer.tokens?.[0]))
      // An abort on unmount, or a failure: this floor shows its fallback and goes no further.
      .catch(() => undefined);
    return () => controller.abort();
  }, [endpoint, roomId, userId, headers]);
  return token;
}

/** Props of {@link FloorGate}. */
export interface FloorGateProps {
  endpoint: string;
  roomId: string;
  userId: string;
  headers?: Record<string, string>;
  children: ReactNode | ((token: string) => ReactNode);
}

/** Shows the package's default fallback until the token is there, then the children. */
export function FloorGate({ endpoint, roomId, userId, headers, children }: FloorGateProps): ReactNode {
  const token = useFloorToken(endpoint, roomId, userId, headers);
  if (!token) return <div role="status" aria-live="polite">Joining the broadcast…</div>;
  return typeof children === 'function' ? children(token) : children;
}
