/**
 * A `subscribe`-style resume signal: calls `onResume` whenever the app comes back to the
 * person, and returns the function that stops listening.
 *
 * @example
 * // React Native: the app coming to the foreground.
 * const subscribeResume: ResumeSubscribe = (onResume) => {
 *   const subscription = AppState.addEventListener('change', (state) => state === 'active' && onResume());
 *   return () => subscription.remove();
 * };
 */
export type ResumeSubscribe = (onResume: () => void) => () => void;

/**
 * The browser's resume signal, the default: the page becomes visible again
 * (`visibilitychange`), is restored from the back/forward cache (`pageshow` with `persisted`),
 * or the browser comes back online. Where there is no DOM (a server, React Native) it never
 * fires. Timers do not run while a laptop sleeps or a tab is frozen: these events are how a
 * client learns that time has passed.
 * @internal
 */
export const browserResume: ResumeSubscribe = (onResume) => {
  if (typeof document === 'undefined' || typeof addEventListener !== 'function') return () => {};
  const visible = () => document.visibilityState === 'visible' && onResume();
  const restored = (event: PageTransitionEvent) => event.persisted && onResume();
  document.addEventListener('visibilitychange', visible);
  addEventListener('pageshow', restored);
  addEventListener('online', onResume);
  return () => {
    document.removeEventListener('visibilitychange', visible);
    removeEventListener('pageshow', restored);
    removeEventListener('online', onResume);
  };
};
