// Issue 21, item 8: with @opentelemetry/api installed, the handler traces and counts through
// the app's registered SDK (here the SDK's in-memory span exporter and a metric reader): a
// server span per handled call and a client span per upstream call, per the RPC and Connect
// RPC semantic conventions v1.37.0; a token counter by outcome; an upstream latency histogram
// in ms. A no-op until an SDK is registered. No token, key or user id in any attribute.
import { metrics, trace, type Attributes } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRoomTokenHandler } from '../../src/server';
import type { FakeFault } from '../../src/testing';
import { API_KEY, consoleLines, createBody, guardTheKey, send, serve, startFake, type Answer } from './support';

guardTheKey();

/** A reader the test pulls from, as an exporter would on its schedule. */
class TestMetricReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

const SERVER = 1;
const CLIENT = 2;
const ERROR = 2;
const UNSET = 0;
const NAME = 'room.tokens.private.v1.Service/Create';
const RPC = { 'rpc.system': 'connect_rpc', 'rpc.service': 'room.tokens.private.v1.Service', 'rpc.method': 'Create' };
const USERS = ['user-7Hq2kP9wXz', 'user-Lm4Nb8Vc1Q'];

let fault: FakeFault | undefined;
let upstream: { fake: Awaited<ReturnType<typeof startFake>>['fake']; url: string };
let url: string;
let handler: ReturnType<typeof createRoomTokenHandler>;

/** The handler in front of a fake that plays `fault` while it is set; both built in each test (onTestFinished closes them). */
async function start(policy: (userId: string) => boolean = () => true) {
  upstream = await startFake({ fault: () => fault });
  handler = createRoomTokenHandler({ apiKey: API_KEY, authorize: (asked) => policy(asked.userId) && asked, baseUrl: upstream.url });
  url = await serve(handler);
}

const ask = (...users: string[]): Promise<Answer> => send(url, { json: createBody(...users.map((user_id, i) => ({ user_id, room_id: `room-${i}` }))) });

beforeEach(() => {
  fault = undefined;
});

it('before an app registers an SDK: answers as usual (the API alone is a no-op)', async () => {
  await start();

  const answer = await ask(USERS[0]!);

  expect(answer.status).toBe(200);
  expect((answer.body as { tokens: string[] }).tokens).toEqual([upstream.fake.issued[0]!.token]);
});

describe('with an SDK registered', () => {
  const exporter = new InMemorySpanExporter();
  const reader = new TestMetricReader();

  beforeAll(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => {
    trace.disable();
    metrics.disable();
  });
  beforeEach(() => exporter.reset());

  const byKind = (kind: number) => exporter.getFinishedSpans().filter((span) => span.kind === kind);

  async function collect(name: string): Promise<MetricData | undefined> {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((metric) => metric.descriptor.name === name);
  }

  it('a minted call: a server span with the outcome and count, and a client span under it for the upstream call', async () => {
    await start();
    const answer = await ask(...USERS);

    expect(answer.status).toBe(200);
    const [server] = byKind(SERVER) as [ReadableSpan];
    const [client] = byKind(CLIENT) as [ReadableSpan];
    expect(exporter.getFinishedSpans()).toHaveLength(2);
    expect({ name: server.name, status: server.status.code, attributes: server.attributes }).toEqual({
      name: NAME,
      status: UNSET,
      attributes: { ...RPC, 'server.address': '127.0.0.1', 'server.port': Number(new URL(url).port), 'room_token.outcome': 'minted', 'room_token.count': 2 },
    });
    expect({ name: client.name, status: client.status.code, attributes: client.attributes }).toEqual({
      name: NAME,
      status: UNSET,
      attributes: { ...RPC, 'server.address': '127.0.0.1', 'server.port': Number(new URL(upstream.url).port), 'room_token.count': 2 },
    });
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(server.instrumentationScope.name).toBe('react-room-token');
  });

  it('a failing upstream: both spans in error with the Connect code; the server answered 503', async () => {
    await start();
    fault = { code: 'unavailable', message: 'down' };

    expect((await ask(USERS[0]!)).status).toBe(503);

    const [server] = byKind(SERVER) as [ReadableSpan];
    const [client] = byKind(CLIENT) as [ReadableSpan];
    expect(server.status.code).toBe(ERROR);
    expect(server.attributes).toMatchObject({ 'room_token.outcome': 'upstream_error', 'rpc.connect_rpc.error_code': 'unavailable', 'error.type': 'unavailable', 'room_token.count': 1 });
    expect(client.status.code).toBe(ERROR);
    expect(client.attributes).toMatchObject({ 'rpc.connect_rpc.error_code': 'unavailable', 'error.type': 'unavailable' });
    expect(consoleLines()).toHaveLength(1);
  });

  it("a denial: the caller's doing, not the server's: its code, but no error status, and no upstream call", async () => {
    await start(() => false);

    expect((await ask(USERS[0]!)).status).toBe(403);

    expect(byKind(CLIENT)).toEqual([]);
    const [server] = byKind(SERVER) as [ReadableSpan];
    expect(server.status.code).toBe(UNSET);
    expect(server.attributes).toMatchObject({ 'room_token.outcome': 'denied', 'rpc.connect_rpc.error_code': 'permission_denied' });
    expect(server.attributes['error.type']).toBeUndefined();
  });

  it('mint: a server span without a server address, and its client span', async () => {
    await start();

    await handler.mint({ roomId: 'room-1', userId: USERS[0]! }, { headers: new Headers() });

    const [server] = byKind(SERVER) as [ReadableSpan];
    expect(server.attributes).toEqual({ ...RPC, 'room_token.outcome': 'minted', 'room_token.count': 1 });
    expect(byKind(CLIENT)).toHaveLength(1);
  });

  it('counts tokens by outcome, and measures upstream calls in ms; nothing secret in any attribute', async () => {
    const before = await collect('room_token.tokens');
    const sumsBefore = new Map((before?.dataPoints ?? []).map((point) => [point.attributes['room_token.outcome'], point.value as number]));
    const calls = ((await collect('rpc.client.duration'))?.dataPoints as DataPoint<Histogram>[] | undefined)?.reduce((n, point) => n + point.value.count, 0) ?? 0;
    await start((user) => user !== 'nobody');

    await ask(...USERS); // minted: 2
    await ask('nobody'); // denied: 1
    fault = 'drop';
    await ask(USERS[0]!, USERS[1]!, USERS[0]!); // upstream_error: 3
    expect(consoleLines()).toHaveLength(1);

    const tokens = (await collect('room_token.tokens'))!;
    expect(tokens.descriptor).toMatchObject({ unit: '{token}' });
    const added = Object.fromEntries(
      tokens.dataPoints.map((point) => [point.attributes['room_token.outcome'], (point.value as number) - (sumsBefore.get(point.attributes['room_token.outcome']) ?? 0)]),
    );
    expect(added).toMatchObject({ minted: 2, denied: 1, upstream_error: 3 });

    const latency = (await collect('rpc.client.duration'))!;
    expect(latency.descriptor).toMatchObject({ unit: 'ms' });
    const points = latency.dataPoints as DataPoint<Histogram>[];
    expect(points.reduce((n, point) => n + point.value.count, 0) - calls).toBe(2);
    expect(points.find((point) => point.attributes['rpc.connect_rpc.error_code'] === 'unavailable')?.attributes).toMatchObject({ ...RPC, 'error.type': 'unavailable' });

    const attributes: Attributes[] = [...exporter.getFinishedSpans().map((span) => span.attributes), ...tokens.dataPoints.map((p) => p.attributes), ...points.map((p) => p.attributes)];
    const shown = JSON.stringify(attributes);
    for (const secret of [API_KEY, ...USERS, 'nobody', ...upstream.fake.issued.map((issued) => issued.token)]) expect(shown).not.toContain(secret);
  });

  it('a provider registered after the handler was built is used from then on', async () => {
    await start();
    await ask(USERS[0]!);
    const exporter2 = new InMemorySpanExporter();
    trace.disable();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter2)] }));

    await ask(USERS[0]!);

    expect(exporter2.getFinishedSpans().map((span) => span.kind)).toEqual([CLIENT, SERVER]);
  });
});
