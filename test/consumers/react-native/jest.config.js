// A React Native 0.85 app's Jest set-up: React Native's preset resolves the `react-native`
// export condition, so `require('react-room-token')` loads the package's React Native build.
module.exports = {
  preset: '@react-native/jest-preset',
  testPathIgnorePatterns: ['/node_modules/', '/hermes/'],
  // The machine may be loaded: wait for what the tests expect, never for a fixed short time.
  testTimeout: 60_000,
};
