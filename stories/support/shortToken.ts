/**
 * A token as a story may show it: its first and last characters and its length, never the
 * whole token (a real one grants entry to a room).
 */
export function shortToken(token: string): string {
  return `${token.slice(0, 6)}…${token.slice(-4)} (${token.length} characters)`;
}
