/**
 * The default resume signal where the package runs: the browser's in this build; the
 * `react-native` build resolves `platformResume.native.ts` (the app coming to the foreground)
 * in its place, so that the web build never loads `react-native`.
 * @internal
 */
export { browserResume as platformResume } from './browserResume';
