import { AppState } from 'react-native';
import type { ResumeSubscribe } from './browserResume';

/**
 * React Native's resume signal, the default in the `react-native` build: the app comes back
 * to the foreground (`AppState` turns `active`). Timers do not run while an app is in the
 * background: this is how a client learns that time has passed.
 * @internal
 */
export const platformResume: ResumeSubscribe = (onResume) => {
  const subscription = AppState.addEventListener('change', (state) => state === 'active' && onResume());
  return () => subscription.remove();
};
