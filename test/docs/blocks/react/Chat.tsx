// The tests' stand-in for a chat SDK's component that the docs' hook example renders.
export function Chat({ token, onTokenExpired }: { token: string; onTokenExpired: () => unknown }) {
  return (
    <section>
      <p>Chat with a token of {token.length} characters.</p>
      <button type="button" onClick={() => void onTokenExpired()}>
        Token expired
      </button>
    </section>
  );
}
