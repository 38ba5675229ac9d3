import type { ReactNode } from 'react';
import { PERMISSIONS } from '../../src';

const cell = { border: '1px solid #ccc', padding: '4px 10px', textAlign: 'left' } as const;

/** Every permission the upstream knows, from `PERMISSIONS`, with the group that implies it. */
export function PermissionCatalogue(): ReactNode {
  return (
    <table style={{ borderCollapse: 'collapse' }}>
      <caption style={{ textAlign: 'left', fontWeight: 600, marginBottom: 8 }}>Permission catalogue</caption>
      <thead>
        <tr>
          <th style={cell}>Permission (exact wire name)</th>
          <th style={cell}>Group</th>
          <th style={cell}>Implied by</th>
        </tr>
      </thead>
      <tbody>
        {PERMISSIONS.map((permission) => (
          <tr key={permission.name}>
            <td style={cell}>
              <code>{permission.name}</code>
            </td>
            <td style={cell}>{permission.group}</td>
            <td style={cell}>{permission.impliedBy ? <code>{permission.impliedBy}</code> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
