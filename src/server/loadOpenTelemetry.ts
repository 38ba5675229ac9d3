import type * as OpenTelemetryApi from '@opentelemetry/api';

/**
 * What is used of `@opentelemetry/api` (the app's copy): its three globals, which are both
 * named exports and its default export. @internal
 */
export type OpenTelemetry = Pick<typeof OpenTelemetryApi, 'trace' | 'context' | 'metrics'>;

let loading: Promise<OpenTelemetry | undefined> | undefined;

/**
 * The app's `@opentelemetry/api`, loaded on first use and once only, or `undefined` when the
 * app has not installed it (an optional peer dependency). Never a copy of our own: the API
 * finds the app's SDK through a global that only a compatible copy sees.
 * @internal
 */
export function loadOpenTelemetry(): Promise<OpenTelemetry | undefined> {
  return (loading ??= importOpenTelemetry());
}

// The ES module build keeps `import()`; the CommonJS build turns it into a `require` inside
// the promise (Jest loads it without a flag; bundlers see the literal name), so an absent
// module is a rejection in both, and the handler goes on without telemetry.
function importOpenTelemetry(): Promise<OpenTelemetry | undefined> {
  return import('@opentelemetry/api').then(
    // Node exposes a CommonJS copy's exports as named exports; some bundlers only as `default`.
    (api: Partial<OpenTelemetry> & { default?: OpenTelemetry }) => (api.trace ? (api as OpenTelemetry) : api.default),
    () => undefined,
  );
}
