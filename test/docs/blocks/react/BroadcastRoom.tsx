// The tests' stand-in for a room SDK's component that the docs' examples render: it shows the
// room and the token's length (never the token), and reports an expired token on a click.
export function BroadcastRoom({ room, token, onTokenExpired }: { room: string; token: string; onTokenExpired: () => unknown }) {
  return (
    <section>
      <p>
        In {room} with a token of {token.length} characters.
      </p>
      <button type="button" onClick={() => void onTokenExpired()}>
        Token expired
      </button>
    </section>
  );
}
