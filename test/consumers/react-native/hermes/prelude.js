// Runs before the bundle in the Hermes VM. What React Native's own startup gives every app and
// the bare `hermes` CLI lacks: Metro's `process.env.NODE_ENV` and `__DEV__`, `console`, and
// `queueMicrotask`. Not given: fetch, AbortController, TextDecoder, URL (entry.js checks that
// the package loads without them, then injects React Native's own).
globalThis.__DEV__ = true;
globalThis.process = { env: { NODE_ENV: 'development' } };
(function (global) {
  var show = function (value) {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  var log = function () {
    print(Array.prototype.map.call(arguments, show).join(' '));
  };
  var assert = function (condition) {
    if (!condition) log.apply(undefined, ['Assertion failed:'].concat(Array.prototype.slice.call(arguments, 1)));
  };
  global.console = { log: log, info: log, warn: log, error: log, debug: log, assert: assert };
  global.queueMicrotask = function (callback) {
    Promise.resolve().then(callback);
  };
  // The CLI's setTimeout runs callbacks at once, in the order they were set, whatever the
  // delay, and its clock stands still: a virtual clock that runs timers by due time (and moves
  // Date.now) makes `timeoutMs` and backoff mean what they mean in an app.
  if (typeof HermesInternal !== 'undefined') {
    var hostSetTimeout = global.setTimeout;
    var started = Date.now();
    var now = 0;
    var nextId = 0;
    var timers = [];
    var pumping = false;
    var step = function () {
      pumping = false;
      var timer = timers.shift();
      if (!timer) return;
      now = Math.max(now, timer.due);
      try {
        timer.callback.apply(undefined, timer.args);
      } finally {
        schedule();
      }
    };
    var schedule = function () {
      if (!pumping && timers.length > 0) {
        pumping = true;
        hostSetTimeout(step, 0);
      }
    };
    global.setTimeout = function (callback, ms) {
      var timer = { id: ++nextId, due: now + Math.max(0, Number(ms) || 0), callback: callback, args: Array.prototype.slice.call(arguments, 2) };
      var i = timers.length;
      while (i > 0 && timers[i - 1].due > timer.due) i--;
      timers.splice(i, 0, timer);
      schedule();
      return timer.id;
    };
    global.clearTimeout = function (id) {
      timers = timers.filter(function (timer) {
        return timer.id !== id;
      });
    };
    Date.now = function () {
      return started + now;
    };
  }
})(globalThis);
