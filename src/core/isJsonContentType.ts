/**
 * Whether a request says its body is JSON (`application/json`, with or without parameters
 * such as a charset). The fake and the backend handler both refuse anything else.
 * @internal
 */
export function isJsonContentType(headers: Headers): boolean {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
