// docs/react-native.md's example is the type-checked copy in ./recipes (with the package's
// import path); the React Native consumer test renders it as an app would.
import { it } from 'vitest';
import { expectDocumented } from '../docs/documented';

it("docs/react-native.md's example is the type-checked copy", () => {
  expectDocumented('react-native-app', 'test/react/recipes/reactNativeApp.tsx');
});
