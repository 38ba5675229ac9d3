// After `npm run build`: loads the ESM and the CommonJS build side by side in one process (a
// CommonJS component library inside an ESM app), and checks that they work as one package
// (issue 19, item 7): `instanceof RoomTokenError` holds across copies, and a hook of one copy
// finds the provider or gate of the other. Rendered in happy-dom with react-dom/client. Run by
// check-entries.mjs; exits non-zero with what failed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Window } from 'happy-dom';

// A page, before the package loads: it tells a browser from a server render when it loads.
const window = new Window({ url: 'http://localhost/' });
Object.assign(globalThis, { window, document: window.document, navigator: window.navigator, IS_REACT_ACT_ENVIRONMENT: true });

const require = createRequire(import.meta.url);
const esm = await import('react-room-token');
const cjs = require('react-room-token');
assert.notEqual(esm.RoomTokenError, cjs.RoomTokenError, 'two copies are loaded (else this checks nothing)');

// 1. instanceof, both ways, for errors made directly and for errors the other copy rejected with.
assert.ok(new cjs.RoomTokenError('internal', 'x') instanceof esm.RoomTokenError, 'a CJS error is instanceof the ESM class');
assert.ok(new esm.RoomTokenError('internal', 'x') instanceof cjs.RoomTokenError, 'an ESM error is instanceof the CJS class');
const rejected = await cjs.createRoomMemberTokens([{ roomId: '', userId: 'u' }], { url: 'http://127.0.0.1:9/' }).catch((error) => error);
assert.ok(rejected instanceof esm.RoomTokenError && rejected.code === 'invalid_argument', 'a CJS rejection is instanceof the ESM class');
assert.ok(!(new Error('x') instanceof esm.RoomTokenError) && !({ code: 'internal' } instanceof cjs.RoomTokenError), 'other values are not');
// A subclass keeps the ordinary check: a plain RoomTokenError is not one.
class Special extends esm.RoomTokenError {}
assert.ok(!(new esm.RoomTokenError('internal', 'x') instanceof Special) && new Special('internal', 'x') instanceof esm.RoomTokenError);

// 2. The React contexts: a CJS hook under an ESM provider, a CJS useBroadcastToken under an ESM gate.
const React = require('react');
const { createRoot } = require('react-dom/client');
const h = React.createElement;
const request = { roomId: 'studio-7', userId: 'ada' };
let calls = 0;
const fetchToken = async () => `tok-${++calls}`;

function CjsMember() {
  const { token, error } = cjs.useRoomMemberToken(request);
  return h('p', null, error ? `error ${error.message}` : `member ${token ?? 'loading'}`);
}
function CjsStage() {
  return h('p', null, `stage ${cjs.useBroadcastToken().token}`);
}

const container = document.createElement('div');
document.body.append(container);
const root = createRoot(container);
await React.act(async () => {
  root.render(
    h(esm.RoomTokenProvider, { fetchToken }, h(CjsMember), h(esm.BroadcastJoinGate, { roomId: 'studio-8', userId: 'ada', fallback: 'joining' }, h(CjsStage))),
  );
});
const deadline = Date.now() + 30_000;
while (!/member tok-\d.*stage tok-\d/.test(container.textContent) && Date.now() < deadline) {
  await React.act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}
assert.match(container.textContent, /member tok-\d/, `a CJS useRoomMemberToken under an ESM RoomTokenProvider renders a token (got "${container.textContent}")`);
assert.match(container.textContent, /stage tok-\d/, `a CJS useBroadcastToken under an ESM BroadcastJoinGate renders its token (got "${container.textContent}")`);
assert.equal(calls, 2, 'one call each, through the ESM provider');
await React.act(async () => root.unmount());
await window.happyDOM.close();
process.stdout.write('dual copies: instanceof and the React contexts hold across ESM and CommonJS\n');
