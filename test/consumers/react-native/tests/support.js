// React Native's runtime pieces in place of the Node ones the Jest preset gives (toolchain.md:
// it mocks React Native's networking with Node's fetch and AbortController): a fetch whose
// answers have no `body` stream, only text() and json(), as whatwg-fetch on XMLHttpRequest
// gives them, and the abort-controller polyfill React Native installs (no AbortSignal statics).
const { AbortController, AbortSignal } = require('abort-controller/dist/abort-controller');
const testing = require('react-room-token/testing');

const nodeFetch = globalThis.fetch;
const KEY = 'react-native-consumer-key';

/** Installs React Native's fetch and AbortController for the test file; counts text() reads. */
function installReactNativeRuntime() {
  const seen = { textReads: 0 };
  globalThis.AbortController = AbortController;
  globalThis.AbortSignal = AbortSignal;
  globalThis.fetch = async (input, init) => {
    const response = await nodeFetch(input, init);
    const text = () => (seen.textReads++, response.text());
    // What whatwg-fetch's Response has: no `body`.
    return {
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      type: 'default',
      url: response.url,
      redirected: false,
      headers: response.headers,
      text,
      json: async () => JSON.parse(await text()),
    };
  };
  return seen;
}

/** The package's fake upstream on a loopback port; it also plays the app's backend (`source`). */
async function startFake(options = {}) {
  const fake = testing.createFakeTokenService({ apiKey: KEY, ...options });
  const server = await fake.listen();
  const source = { endpoint: `${server.url}${testing.CREATE_PATH}`, headers: { authorization: `Bearer ${KEY}` } };
  return { fake, source, key: KEY, close: () => server.close(), creates: () => fake.calls.filter((call) => call.method === 'POST').length };
}

module.exports = { installReactNativeRuntime, startFake };
