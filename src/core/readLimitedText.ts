/**
 * What reading a body with a limit gave: its text, or why there is none.
 * - `too_large`: more than the limit arrived (the rest was never read);
 * - `undecodable`: not UTF-8, or a compressed body that does not decompress;
 * - `broken`: the stream failed on the way (the peer went away).
 * @internal
 */
export type LimitedText = { text: string } | { failure: 'too_large' | 'undecodable' | 'broken' };

// One decoder for every body: without `{ stream: true }`, decode() keeps nothing from one
// call to the next, and building a decoder costs more than decoding a small body.
// `fatal`: a body that is not UTF-8 is refused, not patched with U+FFFD. Made at the first
// body, not at load: Hermes before React Native 0.85 has no TextDecoder, and a runtime
// without one still loads the package (React Native's fetch has no stream to decode).
let utf8: TextDecoder | undefined;

/**
 * Node's fetch reports a gzip, deflate or brotli body that does not decompress with the zlib
 * error as the cause (codes `Z_…`, `ERR_…`); a broken connection is `UND_ERR_…` or `E…`.
 * Browsers do not tell the two apart: there it counts as broken.
 */
const isDecodingFailure = (error: unknown) => /^(Z_|ERR_)/.test(String((error as { cause?: { code?: unknown } } | null)?.cause?.code));

/**
 * Reads a body as UTF-8 text, counting bytes as they arrive (after any decompression): past
 * `maxBytes` it cancels the stream, so a huge, endless or decompression-bomb body is never
 * held whole. A caller that must not wait for a stalled body races the reading with its own
 * bound, and aborts the fetch (which ends the stream).
 * @internal
 */
export async function readLimitedText(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<LimitedText> {
  if (body === null) return { text: '' };
  const reader = body.getReader();
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
        return { failure: 'too_large' };
      }
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    return { failure: isDecodingFailure(error) ? 'undecodable' : 'broken' };
  }
  try {
    return { text: (utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(chunks.length === 1 ? chunks[0]! : concat(chunks, size)) };
  } catch {
    return { failure: 'undecodable' };
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
