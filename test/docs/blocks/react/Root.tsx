// Tested copy of the block id=react-provider (docs tests compare the two; only import paths differ).
// src/Root.tsx
import { RoomTokenProvider, batchRequests } from '../../../../src';
import App from './App';
import { getCsrfToken } from './csrf'; // your app's own
import { reportError } from './reporting'; // your error reporting (Sentry, …)

export function Root() {
  return (
    <RoomTokenProvider
      endpoint="/api/room-token"
      credentials="include"
      headers={async () => ({ 'x-csrf-token': await getCsrfToken() })} // called per request
      retry={{ retries: 3, baseDelayMs: 500, maxDelayMs: 8000 }} // the defaults
      timeoutMs={10_000} // per attempt
      onError={(error, request) => reportError(error, { code: error.code, roomId: request.roomId })}
      batch={batchRequests({ maxSize: 16 })} // opt in; match your handler's maxArguments
    >
      <App />
    </RoomTokenProvider>
  );
}
