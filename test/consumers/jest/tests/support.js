const testing = require('react-room-token/testing');

const KEY = 'jest-consumer-key';

/**
 * The package's fake upstream on a loopback port for one test. It speaks the Create contract,
 * so it also plays the app's backend: `source` points a gate or hook at it as an endpoint,
 * with the app's own Authorization header.
 */
async function startFake(options = {}) {
  const fake = testing.createFakeTokenService({ apiKey: KEY, ...options });
  const server = await fake.listen();
  const source = { endpoint: `${server.url}${testing.CREATE_PATH}`, headers: { authorization: `Bearer ${KEY}` } };
  return { fake, url: server.url, source, close: () => server.close() };
}

module.exports = { startFake };
