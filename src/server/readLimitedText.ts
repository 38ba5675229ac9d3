import { tooLargeAnswer } from './checkRequestHead';
import { errorAnswer, internalAnswer, type HandlerAnswer } from './HandlerAnswer';

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
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    // `fatal`: a body that is not UTF-8 is refused, not patched with U+FFFD.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { answer: errorAnswer('invalid_argument', 'the body is not UTF-8 text') };
  }
}
