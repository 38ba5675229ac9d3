import type { Attributes, Counter, Histogram, Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { CREATE_PATH, DEV_BASE_URL } from '../core/constants';
import { RoomTokenError } from '../core/RoomTokenError';
import { createLogThrottle } from './createLogThrottle';
import { describeThrown, type HandlerAnswer } from './HandlerAnswer';
import { loadOpenTelemetry, type OpenTelemetry } from './loadOpenTelemetry';
import { eventTypeOf, type RoomTokenEvent } from './RoomTokenEvent';
import { upstreamFaultOf } from './upstreamFaultOf';

/** One handled call, as the pipeline reports to it. @internal */
export interface HandlerCall {
  /** The tokens the call asks for, once known. */
  tokens: number;
  /** Makes the upstream call: a client span around it, its time counted, its fault logged. */
  upstream<T>(send: () => Promise<T>): Promise<T>;
}

/** @internal */
export interface HandlerTelemetry {
  /**
   * Runs one handled call inside a server span; `answerOf` reads the answer from its result
   * (`undefined` for tokens minted). Then one event, the span's outcome and the token count.
   * A result that is a rejection (framework control flow) ends the span and passes through.
   */
  observe<T>(run: (call: HandlerCall) => Promise<T>, answerOf: (result: T) => HandlerAnswer | undefined, request?: Request): Promise<T>;
}

/** The instrumentation scope: spans and metrics carry this name. */
const SCOPE = 'react-room-token';
// OpenTelemetry semantic conventions for RPC and Connect RPC, v1.37.0 (the last with `rpc.system`).
const SPAN_NAME = CREATE_PATH.slice(1);
const [RPC_SERVICE, RPC_METHOD] = SPAN_NAME.split('/') as [string, string];
const RPC: Attributes = { 'rpc.system': 'connect_rpc', 'rpc.service': RPC_SERVICE, 'rpc.method': RPC_METHOD };
// The Connect codes a server span reports as errors (the others are the caller's doing).
const SERVER_ERRORS = /^(unknown|deadline_exceeded|unimplemented|internal|unavailable|data_loss)$/;
// The API's enums, by value (stable in its specification): its default export lacks them.
const SERVER: SpanKind.SERVER = 1;
const CLIENT: SpanKind.CLIENT = 2;
const ERROR: SpanStatusCode.ERROR = 2;
const OUTCOME = 'room_token.outcome';
const COUNT = 'room_token.count';

interface Instruments {
  tokens: Counter;
  upstream: Histogram;
}
// Per meter: an app may register its meter provider after the first call.
const instrumentsByMeter = new WeakMap<object, Instruments>();

function instrumentsOf(api: OpenTelemetry): Instruments {
  const meter = api.metrics.getMeter(SCOPE);
  let instruments = instrumentsByMeter.get(meter);
  if (!instruments) {
    instruments = {
      tokens: meter.createCounter('room_token.tokens', { description: 'Tokens asked of the room token handler, by outcome', unit: '{token}' }),
      upstream: meter.createHistogram('rpc.client.duration', { description: 'Duration of the upstream Create calls', unit: 'ms' }),
    };
    instrumentsByMeter.set(meter, instruments);
  }
  return instruments;
}

/** Runs `fn` with `span` as the active span (where the app's SDK has a context manager). */
function inSpan<A extends unknown[], R>(api: OpenTelemetry, span: Span, fn: (...args: A) => R, ...args: A): R {
  return api.context.with(api.trace.setSpan(api.context.active(), span), fn, undefined, ...args);
}

function addressOf(url: string): Attributes {
  try {
    const { hostname, port, protocol } = new URL(url);
    return { 'server.address': hostname.replace(/^\[|\]$/g, ''), 'server.port': Number(port) || (protocol === 'https:' ? 443 : 80) };
  } catch {
    return {};
  }
}

/**
 * The handler's reports on its calls: the `onEvent` option, the upstream fault log lines, and
 * OpenTelemetry spans and metrics when the app has `@opentelemetry/api` (a no-op until it
 * registers an SDK). Nothing reported holds a token, a key, a user id or a body.
 * @internal
 */
export function createHandlerTelemetry({
  onEvent,
  log,
  baseUrl = DEV_BASE_URL,
}: {
  onEvent: ((event: RoomTokenEvent) => unknown) | undefined;
  log: (line: string) => void;
  baseUrl: string | undefined;
}): HandlerTelemetry {
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new TypeError('createRoomTokenHandler: `onEvent` must be a function');
  }
  // The call as every message names it: no user info, no query (either may hold a credential).
  const target = new URL(baseUrl.replace(/\/+$/, '') + CREATE_PATH);
  const where = `POST ${target.protocol}//${target.host}${target.pathname}`;
  const upstreamAttributes = { ...RPC, ...addressOf(target.href) };
  const throttle = createLogThrottle();

  /** One line per kind of upstream fault per minute, however many calls meet it. */
  function logFault(error: unknown): void {
    const fault = upstreamFaultOf(error);
    const held = fault && throttle(fault);
    if (held === undefined) return;
    const { status, code } = error as RoomTokenError;
    log(
      `the token service failed (${fault}: HTTP ${status ?? 'none'}, ${code}) at ${where}; callers get 503 or 504. ` +
        `Failures of this kind are logged once a minute${held ? ` (${held} more since the last line)` : ''}`,
    );
  }

  function emit(event: RoomTokenEvent): void {
    if (!onEvent) return;
    // The app's listener never changes an answer: a throw or a rejection is logged, once a minute.
    const failed = (error: unknown) => {
      if (throttle('onEvent') !== undefined) log(`onEvent failed: ${describeThrown(error)}; answers are not affected`);
    };
    try {
      const result = onEvent(event);
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  return {
    async observe(run, answerOf, request) {
      const started = performance.now();
      const api = await loadOpenTelemetry();
      // The server span, and what the client span needs: only where the app has the API.
      const tracer = api?.trace.getTracer(SCOPE);
      const traced = api && tracer && { api, tracer, span: tracer.startSpan(SPAN_NAME, { kind: SERVER, attributes: RPC }) };
      if (traced?.span.isRecording() && request) traced.span.setAttributes(addressOf(request.url));
      let upstreamMs: number | undefined;
      let upstreamFailed = false;

      const call: HandlerCall = {
        tokens: 0,
        async upstream(send) {
          const began = performance.now();
          let client: Span | undefined;
          let failure: Attributes = {};
          try {
            if (!traced) return await send();
            const { api, tracer, span } = traced;
            client = tracer.startSpan(SPAN_NAME, { kind: CLIENT, attributes: { ...upstreamAttributes, [COUNT]: call.tokens } }, api.trace.setSpan(api.context.active(), span));
            // Active while it runs, so that a fetch instrumentation's span nests under it.
            return await inSpan(api, client, send);
          } catch (error) {
            upstreamFailed = true;
            logFault(error);
            const code = error instanceof RoomTokenError ? error.code : undefined;
            failure = code ? { 'rpc.connect_rpc.error_code': code, 'error.type': code } : { 'error.type': '_OTHER' };
            client?.setAttributes(failure).setStatus({ code: ERROR });
            throw error;
          } finally {
            const ms = performance.now() - began;
            upstreamMs = (upstreamMs ?? 0) + ms;
            client?.end();
            if (traced) instrumentsOf(traced.api).upstream.record(ms, { ...upstreamAttributes, ...failure });
          }
        },
      };

      let result: Awaited<ReturnType<typeof run>>;
      try {
        // Active while the call runs: the app's own spans (a database call in authorize) nest under it.
        result = await (traced ? inSpan(traced.api, traced.span, run, call) : run(call));
      } catch (error) {
        traced?.span.end();
        throw error;
      }
      const answer = answerOf(result);
      const event: RoomTokenEvent = {
        type: eventTypeOf(answer, upstreamFailed),
        status: answer?.status ?? 200,
        ...(answer && { code: answer.code }),
        tokens: call.tokens,
        durationMs: performance.now() - started,
        ...(upstreamMs !== undefined && { upstreamMs }),
      };
      if (traced) {
        const { span } = traced;
        span.setAttributes({ [OUTCOME]: event.type, [COUNT]: event.tokens });
        if (answer) span.setAttribute('rpc.connect_rpc.error_code', answer.code);
        if (answer && SERVER_ERRORS.test(answer.code)) span.setAttribute('error.type', answer.code).setStatus({ code: ERROR });
        span.end();
        instrumentsOf(traced.api).tokens.add(event.tokens, { [OUTCOME]: event.type });
      }
      emit(event);
      return result;
    },
  };
}
