// The handler's HTTP path with a policy that calls redirect(): Next answers the redirect.
import { signInFirst } from '../../../lib/guardedTokens';

export const POST = signInFirst;
