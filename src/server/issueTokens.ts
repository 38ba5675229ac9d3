import { toWireArgument } from '../core/codec';
import { sendCreateRequest } from '../core/createRoomMemberTokens';
import type { TokenRequest } from '../core/TokenRequest';
import { answerForUpstreamError } from './answerForUpstreamError';
import type { AuthorizeContext, AuthorizeTokenRequest } from './AuthorizeTokenRequest';
import { authorizeEach } from './authorizeEach';
import type { HandlerCall } from './createHandlerTelemetry';
import type { RateLimitStep } from './createRateLimitStep';
import { internalAnswer, type HandlerAnswer } from './HandlerAnswer';

/** What the pipeline takes from the handler's options, checked once when it is built. @internal */
export interface IssueSettings {
  apiKey: string | undefined;
  /** Why `apiKey` cannot be used, when it cannot: answered on every call, never thrown at build time. */
  keyProblem: string | undefined;
  authorize: AuthorizeTokenRequest;
  baseUrl: string | undefined;
  fetch: typeof fetch | undefined;
  timeoutMs: number | undefined;
  maxResponseBytes: number | undefined;
  /** The `rateLimit` option's step, when there is one. */
  rateLimit: RateLimitStep | undefined;
}

/**
 * The one pipeline behind both the HTTP path and `mint`, for requests already checked as the
 * upstream would: the server's own set-up → the decision (`authorize`, each request) → the
 * upstream call (ended when `signal`, the caller's, aborts) → the mapping of its faults.
 * Resolves the tokens or the answer to give. A step added here covers both paths.
 * @internal
 */
export async function issueTokens(
  asked: readonly TokenRequest[],
  context: AuthorizeContext,
  { apiKey, keyProblem, authorize, baseUrl, fetch, timeoutMs, maxResponseBytes, rateLimit }: IssueSettings,
  call: HandlerCall,
  signal?: AbortSignal,
): Promise<string[] | HandlerAnswer> {
  call.tokens = asked.length;
  if (keyProblem) return internalAnswer(keyProblem);
  const decided = await authorizeEach(asked, context, authorize, apiKey);
  if (!Array.isArray(decided)) return decided;
  // Counted after the decision (the tokens that would really be minted, under the authorized
  // user) and before the upstream call, on both paths.
  const limited = rateLimit && (await rateLimit(decided, context));
  if (limited && 'answer' in limited) return limited.answer;
  try {
    // Checked once already (what authorize returned included): sent without checking again.
    // The caller's signal: a caller that goes away ends the upstream call.
    return await call.upstream(() => sendCreateRequest({ arguments: decided.map(toWireArgument) }, { baseUrl, apiKey, fetch, timeoutMs, maxResponseBytes, signal }));
  } catch (error) {
    // No token was minted for these points.
    await limited?.giveBack();
    return answerForUpstreamError(error);
  }
}
