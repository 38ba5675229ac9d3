// Bundled the way Metro resolves it (the `react-native` condition) and run in the Hermes VM
// by run.mjs. Prints `hermes: ok …` when every check holds; any failure is thrown from a timer,
// which ends the VM with exit code 1.
var failed = function (error) {
  setTimeout(function () {
    throw error;
  }, 0);
};
var check = function (ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
};

// 1. The package loads where React Native may have none of these.
var missing = ['fetch', 'AbortController', 'AbortSignal', 'TextDecoder', 'URL', 'XMLHttpRequest', 'document'];
missing.forEach(function (name) {
  check(typeof globalThis[name] === 'undefined', name + ' is absent before the package loads');
});
var rrt = require('react-room-token');
var testing = require('react-room-token/testing');
check(typeof rrt.createRoomTokenClient === 'function' && typeof rrt.BroadcastJoinGate === 'function', 'the main entry loaded');

// 2. React Native's runtime pieces, as its startup installs them (setUpXHR): its URL, the
// abort-controller polyfill (no AbortSignal statics), whatwg-fetch on an XMLHttpRequest.
globalThis.URL = require('react-native/Libraries/Blob/URL').URL;
var polyfill = require('abort-controller/dist/abort-controller');
globalThis.AbortController = polyfill.AbortController;
globalThis.AbortSignal = polyfill.AbortSignal;
check(typeof globalThis.AbortSignal.abort === 'undefined' && typeof globalThis.AbortSignal.timeout === 'undefined', 'AbortSignal has no statics');

// The VM cannot do HTTP: each XMLHttpRequest is answered in the VM by the package's own fake
// upstream (its Fetch-API handle(), on whatwg-fetch's Request and Response). One that hangs
// ends only when the XMLHttpRequest is aborted.
var KEY = 'hermes-test-key';
var fake = testing.createFakeTokenService({
  apiKey: KEY,
  fault: function (call) {
    return call.body && call.body.arguments[0].room_id === 'hung' ? 'hang' : undefined;
  },
});
var xhrs = { sent: 0, aborted: 0 };
function FakeXMLHttpRequest() {
  this.readyState = 0;
  this.status = 0;
  this.responseText = '';
  this._headers = {};
  this._answer = '';
}
FakeXMLHttpRequest.prototype.open = function (method, url) {
  this._method = method;
  this._url = url;
  this.readyState = 1;
};
FakeXMLHttpRequest.prototype.setRequestHeader = function (name, value) {
  this._headers[name] = value;
};
FakeXMLHttpRequest.prototype.getAllResponseHeaders = function () {
  return this._answer;
};
FakeXMLHttpRequest.prototype.abort = function () {
  xhrs.aborted++;
  if (this._controller) this._controller.abort();
  if (this.onabort) this.onabort();
};
FakeXMLHttpRequest.prototype.send = function (body) {
  var xhr = this;
  xhrs.sent++;
  xhr._controller = new globalThis.AbortController();
  var request = new fetchPolyfill.Request(xhr._url, { method: xhr._method, headers: xhr._headers, body: body, signal: xhr._controller.signal });
  fake.handle(request).then(
    function (response) {
      return response.text().then(function (text) {
        var lines = [];
        response.headers.forEach(function (value, name) {
          lines.push(name + ': ' + value);
        });
        xhr.status = response.status;
        xhr.statusText = response.statusText;
        xhr.responseURL = xhr._url;
        xhr.responseText = xhr.response = text;
        xhr._answer = lines.join('\r\n');
        xhr.readyState = 4;
        setTimeout(function () {
          xhr.onload();
        }, 0);
      });
    },
    function () {
      // The fake ends a hung call once its request is aborted: nothing to answer then.
      if (!xhr._controller.signal.aborted) xhr.onerror();
    },
  );
};
globalThis.XMLHttpRequest = FakeXMLHttpRequest;
var fetchPolyfill = require('whatwg-fetch');
globalThis.fetch = fetchPolyfill.fetch;
globalThis.Headers = fetchPolyfill.Headers;
globalThis.Request = fetchPolyfill.Request;
globalThis.Response = fetchPolyfill.Response;

// 3. A token, then a hung call that ends in deadline_exceeded at timeoutMs.
var endpoint = 'http://127.0.0.1:8787' + rrt.CREATE_PATH;
var client = rrt.createRoomTokenClient({ endpoint: endpoint, headers: { authorization: 'Bearer ' + KEY } });
var request = { roomId: 'r1', userId: 'u1', metadata: { mcuStream: 'true' } };
var startedAt = Date.now();
client
  .get(request)
  .then(function (token) {
    check(fake.issued.length === 1 && token === fake.issued[0].token, 'the token is the one the fake issued');
    return client.get({ roomId: 'hung', userId: 'u1' }, { timeoutMs: 300, retry: false }).then(
      function () {
        throw new Error('a hung call resolved');
      },
      function (error) {
        check(error instanceof rrt.RoomTokenError, 'a RoomTokenError: ' + error);
        check(error.code === 'deadline_exceeded', 'deadline_exceeded, got ' + error.code);
        check(xhrs.aborted === 1, 'the hung XMLHttpRequest was aborted');
        check(Date.now() - startedAt >= 300, 'the virtual clock reached timeoutMs');
        console.log('hermes: ok: a token of ' + token.length + ' characters, then ' + error.code + ' after ' + (Date.now() - startedAt) + ' ms (virtual); ' + xhrs.sent + ' XMLHttpRequests sent, ' + xhrs.aborted + ' aborted');
      },
    );
  })
  .catch(failed);
