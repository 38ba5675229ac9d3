// `npm start`: the fake token service on a fixed loopback port, for trying the package
// with no backend, no network and no real key.
import { createFakeTokenService } from '../src/testing';
import { CREATE_PATH } from '../src/core';

const port = Number(process.env.FAKE_PORT ?? 4010);
const apiKey = 'fake-test-key';
const fake = createFakeTokenService({ apiKey, latencyMs: 150 });
const server = await fake.listen(port);

console.log(`Fake room token service: ${server.url}${CREATE_PATH}
It accepts only the API key "${apiKey}" (a made-up key for this fake, not a secret).

Try it:
  curl -s ${server.url}${CREATE_PATH} \\
    -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${apiKey}' \\
    -d '{"arguments":[{"user_id":"u1","room_id":"r1","metadata":{"mcuStream":"true"},"permissions":["PermissionChat"]}]}'

Press Ctrl-C to stop.`);

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
