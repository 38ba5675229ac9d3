import { useSyncExternalStore, type ReactNode } from 'react';
import type { BackendLog } from './StoryBackend';

const cell = { border: '1px solid #ccc', padding: '2px 8px', textAlign: 'left' } as const;

/** The requests a backend received since the story was rendered, with their answers. */
export function RequestLog({ requests }: { requests: BackendLog }): ReactNode {
  const entries = useSyncExternalStore(requests.subscribe, requests.log, requests.log);
  return (
    <table aria-label="Requests to the backend" style={{ marginTop: 24, borderCollapse: 'collapse', fontSize: 13 }}>
      <caption style={{ textAlign: 'left', fontWeight: 600 }}>
        Requests to the backend: {entries.length}
      </caption>
      <thead>
        <tr>
          {['#', 'room', 'user', 'permissions', 'metadata', 'answer'].map((name) => (
            <th key={name} style={cell}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.number}>
            <td style={cell}>{entry.number}</td>
            <td style={cell}>{entry.roomId}</td>
            <td style={cell}>{entry.userId}</td>
            <td style={cell}>{entry.permissions.join(', ') || '—'}</td>
            <td style={cell}>{JSON.stringify(entry.metadata)}</td>
            <td style={cell}>{entry.answer}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
