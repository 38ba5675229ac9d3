/**
 * Whether a thrown value is a framework's control flow rather than a failure: Next.js's
 * `redirect()`, `notFound()`, `forbidden()` and dynamic-usage bailouts carry a `digest` that
 * starts with `NEXT_` or is `DYNAMIC_SERVER_USAGE` (the rule of Next's `unstable_rethrow`).
 * Such a value thrown by `authorize` or a rate-limit `key` is passed through unchanged, for
 * the framework to answer, on `mint` and on the HTTP path.
 * @internal
 */
export function isFrameworkControlFlow(error: unknown): boolean {
  try {
    const digest = (error as { digest?: unknown } | null)?.digest;
    return typeof digest === 'string' && (digest.startsWith('NEXT_') || digest === 'DYNAMIC_SERVER_USAGE');
  } catch {
    // A getter that throws is nobody's control flow.
    return false;
  }
}
