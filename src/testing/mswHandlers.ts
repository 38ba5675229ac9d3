import { http, HttpResponse, type RequestHandler } from 'msw';
import { DEV_BASE_URL } from '../core/constants';

/**
 * Mock-service-worker handlers that answer every request under `baseUrl` with `handle`
 * (any method, any path, so wrong paths and CORS preflights get the fake's own answers). A
 * rejected `handle`, such as the fake's `'drop'` fault, becomes a network error.
 *
 * @example
 * const server = setupServer(...mswHandlers(fake.handle, 'https://api.example.test'));
 */
export function mswHandlers(
  handle: (request: Request) => Promise<Response>,
  baseUrl: string = DEV_BASE_URL,
): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => {
      try {
        return await handle(request);
      } catch {
        return HttpResponse.error();
      }
    }),
  ];
}
