import { tooLargeAnswer } from './checkRequestHead';
import { errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';

// One decoder for every body: without `{ stream: true }`, decode() keeps nothing from one
// call to the next, and building a decoder costs more than decoding a small body.
// `fatal`: a body that is not UTF-8 is refused, not patched with U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body as UTF-8 text, counting bytes as they arrive: past `maxBytes` it
 * cancels the stream and answers 413, so a huge or endless body is never held whole.
 * @internal
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<{ text: string } | { answer: HandlerAnswer }> {
  if (request.bodyUsed) {
    return { answer: internalAnswer('the request body was read before the handler got it: mount the handler before any body parser') };
  }
  if (request.body === null) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not awaited: some runtimes settle a cancel only once the peer is gone.
        reader.cancel().catch(() => undefined);
        return { answer: tooLargeAnswer(maxBytes) };
      }
      chunks.push(value);
    }
  } catch {
    // The caller went away or the body broke mid-way: nothing the upstream is involved in.
    return { answer: errorAnswer('invalid_argument', 'the request body could not be read') };
  }
  try {
    return { text: utf8.decode(chunks.length === 1 ? chunks[0]! : concat(chunks, size)) };
  } catch {
    return { answer: errorAnswer('invalid_argument', 'the body is not UTF-8 text') };
  }
}

/** Joins the chunks of a body read in several pieces (a small body usually arrives in one). */
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
