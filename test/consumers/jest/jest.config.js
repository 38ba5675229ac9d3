// A CommonJS project, as Jest is by default: `require('react-room-token')` loads the CJS build.
module.exports = {
  // jsdom with Node's fetch, Request, Response and AbortController (jsdom has no fetch).
  testEnvironment: 'jest-fixed-jsdom',
  // The machine may be loaded: wait for what the tests expect, never for a fixed short time.
  testTimeout: 60_000,
};
