/**
 * True outside production builds: long developer-facing texts (what a value should be, hints)
 * are given then only; production errors keep their code, status and a short message. Read
 * as bundlers replace it (the literal `process.env.NODE_ENV`), inside `try`, so that a runtime
 * with no `process` at all (a page loading the ES modules as they are) does not fail on import.
 * @internal
 */
export const DEV: boolean = (() => {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
})();
