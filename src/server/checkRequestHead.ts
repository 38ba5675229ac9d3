import { isJsonContentType } from '../core/isJsonContentType';
import { errorAnswer, type HandlerAnswer } from './HandlerAnswer';

/** @internal */
export function tooLargeAnswer(maxBodyBytes: number): HandlerAnswer {
  return errorAnswer('resource_exhausted', `the body must not be larger than ${maxBodyBytes} bytes`, 413);
}

/**
 * Checks what can be checked before reading the body: the method, the content type, and a
 * declared length. Returns the answer to give, or `undefined` to go on.
 * @internal
 */
export function checkRequestHead(request: Request, maxBodyBytes: number): HandlerAnswer | undefined {
  if (request.method !== 'POST') {
    return { ...errorAnswer('unimplemented', 'only POST is supported', 405), headers: { allow: 'POST' } };
  }
  if (!isJsonContentType(request.headers)) {
    return errorAnswer('invalid_argument', 'the content type must be application/json', 415);
  }
  const length = request.headers.get('content-length')?.trim();
  // A declared length over the limit is refused before a single byte is read.
  if (length !== undefined && /^\d+$/.test(length) && Number(length) > maxBodyBytes) return tooLargeAnswer(maxBodyBytes);
  return undefined;
}
