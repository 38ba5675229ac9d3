/**
 * True outside production builds. Bundlers replace the literal `process.env.NODE_ENV` and
 * fold this to `false` in a production bundle, dropping the long developer-facing texts it
 * guards; production errors keep their code, status and a short message.
 * @internal
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';
