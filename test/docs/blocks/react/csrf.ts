// The tests' stand-in for the app's CSRF token lookup that docs/react.md's provider example calls.
export async function getCsrfToken(): Promise<string> {
  return 'csrf-of-this-session';
}
