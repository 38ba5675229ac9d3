/**
 * A value as TypeScript source, the way a person writes it in a snippet:
 * `{ roomId: 'studio-7', permissions: ['PermissionChat'] }`. Plain data only (strings,
 * numbers, booleans, null, arrays, objects); keys are written bare when they can be.
 */
export function sourceLiteral(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(sourceLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : sourceLiteral(name));
    return `{ ${entries.map(([name, v]) => `${key(name)}: ${sourceLiteral(v)}`).join(', ')} }`;
  }
  throw new TypeError(`no source literal for a ${typeof value}`);
}
