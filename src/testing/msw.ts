// `react-room-token/testing/msw`: the fake as Mock Service Worker handlers. The only module
// that imports msw, so that `react-room-token/testing` loads without it (msw is optional).
import { http, HttpResponse, type RequestHandler } from 'msw';
import { DEV_BASE_URL } from '../core/constants';
import type { FakeTokenService } from './createFakeTokenService';

/**
 * Mock Service Worker (msw 2) handlers that answer every request under `baseUrl` with the
 * fake's `handle` (any method, any path, so wrong paths and CORS preflights get the fake's
 * own answers). A rejected `handle`, such as the fake's `'drop'` fault, becomes a network
 * error. Needs `msw` 2 installed; `react-room-token/testing` itself does not.
 *
 * @defaultValue `baseUrl` is `DEV_BASE_URL`
 * @example
 * import { setupServer } from 'msw/node'; // setupWorker from 'msw/browser' in a page
 * import { createFakeTokenService } from 'react-room-token/testing';
 * import { mswHandlers } from 'react-room-token/testing/msw';
 *
 * const fake = createFakeTokenService({ apiKey: 'test-key' });
 * const server = setupServer(...mswHandlers(fake, 'https://api.example.test'));
 */
export function mswHandlers(fake: Pick<FakeTokenService, 'handle'>, baseUrl: string = DEV_BASE_URL): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => {
      try {
        return await fake.handle(request);
      } catch {
        return HttpResponse.error();
      }
    }),
  ];
}
