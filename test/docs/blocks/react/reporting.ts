// The tests' stand-in for the app's error reporting that docs/react.md's provider example calls.
export const reported: { error: unknown; context: Record<string, unknown> }[] = [];

export function reportError(error: unknown, context: Record<string, unknown>): void {
  reported.push({ error, context });
}
