import { decodeCreateRequest, parseJson } from '../core/codec';
import { readLimitedText } from '../core/readLimitedText';
import { RoomTokenError } from '../core/RoomTokenError';
import type { TokenRequest } from '../core/TokenRequest';
import { tooLargeAnswer } from './checkRequestHead';
import { errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';

/**
 * Reads a Create body from the incoming request, with its limits (its size, and the time it
 * may take to arrive), and checks it as the upstream would. An answer with `unread` was given
 * before the body was read to its end.
 * @internal
 */
export async function readCreateBody(
  request: Request,
  maxBodyBytes: number,
  maxArguments: number,
  bodyTimeoutMs: number,
): Promise<TokenRequest[] | { answer: HandlerAnswer; unread?: boolean }> {
  if (request.bodyUsed) {
    return { answer: internalAnswer('the request body was read before the handler got it: mount the handler before any body parser') };
  }
  // A body that trickles in (a byte every few seconds) must not hold the handler for minutes:
  // past the deadline the stream is aborted, which ends the read.
  const late = new AbortController();
  const timer = request.body && bodyTimeoutMs < 2 ** 31 ? setTimeout(() => late.abort(), bodyTimeoutMs) : undefined;
  const stream = timer === undefined ? request.body : request.body!.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal: late.signal });
  const read = await readLimitedText(stream, maxBodyBytes).finally(() => clearTimeout(timer));
  if ('failure' in read) {
    if (late.signal.aborted) return { answer: errorAnswer('deadline_exceeded', `the body was not received within ${bodyTimeoutMs} ms`, 408), unread: true };
    if (read.failure === 'too_large') return { answer: tooLargeAnswer(maxBodyBytes), unread: true };
    // The caller went away, or sent what is not UTF-8: nothing the upstream is involved in.
    return { answer: errorAnswer('invalid_argument', read.failure === 'broken' ? 'the request body could not be read' : 'the body is not UTF-8 text') };
  }
  const body = parseJson(read.text);
  if (body === undefined) return { answer: errorAnswer('invalid_argument', 'the body is not valid JSON') };
  try {
    return decodeCreateRequest(body, maxArguments);
  } catch (error) {
    // Anything else is a bug here, and must surface as one.
    if (!(error instanceof RoomTokenError)) throw error;
    return { answer: errorAnswer('invalid_argument', error.message) };
  }
}
