import { bypass, http, HttpResponse, passthrough, type RequestHandler } from 'msw';
import { CREATE_PATH } from '../../src/core';
import type { TokenSourceOptions } from '../../src';
import { createFakeTokenService, type FakeFault, type FakeTokenService } from '../../src/testing';

/** One request a backend received, as a story shows it (never its headers). */
export interface BackendEntry {
  /** 1 for the first request this backend received. */
  number: number;
  roomId: string;
  userId: string;
  permissions: string[];
  metadata: Record<string, string>;
  /** `waiting`, `token`, or the error the backend answered with. */
  answer: string;
}

interface WireArgument {
  room_id?: string;
  user_id?: string;
  permissions?: string[];
  metadata?: Record<string, string>;
}

/** The requests one backend received, with their answers; a store for `useSyncExternalStore`. */
export class BackendLog {
  private entries: readonly BackendEntry[] = [];
  private readonly listeners = new Set<() => void>();

  readonly log = (): readonly BackendEntry[] => this.entries;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Records a Create call as it arrives (shown as waiting); returns the setter of its answer. */
  received(body: unknown): (answer: string) => void {
    const argument = ((body as { arguments?: WireArgument[] } | undefined)?.arguments ?? [])[0] ?? {};
    const number = this.entries.length + 1;
    this.update([
      ...this.entries,
      {
        number,
        roomId: argument.room_id ?? '',
        userId: argument.user_id ?? '',
        permissions: argument.permissions ?? [],
        metadata: argument.metadata ?? {},
        answer: 'waiting',
      },
    ]);
    return (answer) => this.update(this.entries.map((entry) => (entry.number === number ? { ...entry, answer } : entry)));
  }

  private update(entries: readonly BackendEntry[]): void {
    this.entries = entries;
    for (const listener of this.listeners) listener();
  }
}

function describeFault(fault: FakeFault | undefined): string {
  if (fault === undefined) return 'token';
  if (typeof fault === 'string') return fault === 'drop' ? 'connection dropped' : fault;
  return 'code' in fault ? `${fault.status ?? ''} ${fault.code}`.trim() : `HTTP ${fault.status}`;
}

/** How a story's backend behaves: the delay of each answer and a fault script. */
export interface BackendScript {
  /** How long each answer takes, in ms. */
  latencyMs?: number;
  /** The fault for the `n`th request this backend receives (0-based); `undefined` answers. */
  fault?: (n: number) => FakeFault | undefined;
}

// Every backend of every rendered story, by host: one msw handler answers them all, so that
// a Docs page (one set of handlers for all its stories) gives each rendered story its own.
const running = new Map<string, FakeBackend>();
let started = 0;

/**
 * What a story's decorator starts for one render of the story (withRoomTokenProvider): the
 * request log shown under it, and the token source its provider gets, if any. It lives
 * exactly as long as that render's RoomTokenProvider and its token cache, so that the log
 * counts every request the render makes and nothing else.
 */
export interface RenderBackend {
  readonly requests: BackendLog;
  /** Token source options for the story's RoomTokenProvider; none when the story brings its own. */
  readonly source?: TokenSourceOptions;
  /** Makes the backend answer (or its log count) while the render is mounted; returns the undoing. */
  register(): () => void;
}

/** What `parameters.storyBackend` holds: a start of a {@link RenderBackend} for each render. */
export interface StoryBackendOfRenders {
  start(): RenderBackend;
}

/**
 * The package's fake token service playing the app's backend (it speaks the same contract)
 * for one render of a story: its own host, fault script (counted from its first request) and
 * request log. A story shown twice on a Docs page gets two, and neither counts the other's.
 */
export class FakeBackend implements RenderBackend {
  readonly fake: FakeTokenService;
  /** Where this backend pretends to live; msw answers it, nothing leaves the page. */
  readonly url: string;
  /** Token source options for a RoomTokenProvider: this backend, with the app's session. */
  readonly source: TokenSourceOptions;
  readonly requests = new BackendLog();
  private readonly answers: ((answer: string) => void)[] = [];

  constructor(name: string, script: BackendScript) {
    this.url = `https://${name}-${++started}.backend.example.test`;
    this.source = { endpoint: `${this.url}${CREATE_PATH}`, headers: { authorization: 'Bearer demo-session' } };
    const latencyMs = script.latencyMs ?? 300;
    this.fake = createFakeTokenService({
      // Called as each request arrives, before the latency: the log shows it as waiting.
      latencyMs: (call, index) => {
        this.answers[index] = this.requests.received(call.body);
        return latencyMs;
      },
      fault: (_call, index) => {
        const fault = script.fault?.(index);
        this.answers[index]?.(describeFault(fault));
        return fault;
      },
    });
    this.register();
  }

  /** Makes msw answer this backend's host; returns the undoing (for an effect's cleanup). */
  register(): () => void {
    running.set(new URL(this.url).host, this);
    return () => running.delete(new URL(this.url).host);
  }
}

/**
 * A story's backend: its script, and the backend of each render of the story. A class, so
 * Storybook keeps it by reference in `parameters` rather than merging a copy.
 */
export class StoryBackend implements StoryBackendOfRenders {
  /** The backend of the story's latest render (what a test of one render looks at). */
  latest: FakeBackend | undefined;

  /** @param name - a host name label: each render's backend lives at `https://<name>-<n>.backend.example.test` */
  constructor(
    readonly name: string,
    readonly script: BackendScript = {},
  ) {}

  /** A fresh backend for one render of the story. */
  start(): FakeBackend {
    this.latest = new FakeBackend(this.name, this.script);
    return this.latest;
  }
}

/** The msw handler of every story backend: each request goes to the backend of its host. */
export const storyBackendHandlers: RequestHandler[] = [
  http.all(/^https:\/\/[\w-]+\.backend\.example\.test\//, async ({ request }) => {
    const backend = running.get(new URL(request.url).host);
    if (!backend) return HttpResponse.error();
    try {
      return await backend.fake.handle(request);
    } catch {
      return HttpResponse.error();
    }
  }),
];

// The logs of the Dev mode story's mounted renders, the latest last: its calls go over real
// HTTP to loopback, all to the same host, so the render on screen (the latest) gets them.
const loopbackLogs = new Set<BackendLog>();

/** Logs the Create calls the page makes to loopback from now on (until a later log); returns the undoing. */
export function logLoopbackCalls(log: BackendLog): () => void {
  loopbackLogs.delete(log);
  loopbackLogs.add(log);
  return () => loopbackLogs.delete(log);
}

/**
 * One render of the Dev mode story: no backend of its own (the page calls the local fake
 * service that `npm start` runs), only the log of the calls the page makes to it.
 */
class LoopbackRender implements RenderBackend {
  readonly requests = new BackendLog();

  constructor() {
    // At render: the gate's first call may start before the decorator's effects run.
    this.register();
  }

  register(): () => void {
    return logLoopbackCalls(this.requests);
  }
}

/**
 * `parameters.storyBackend` of a story whose page calls a service on loopback itself (dev
 * mode): each render gets a request log, kept by the story's provider like any backend's.
 */
export class LoopbackCalls implements StoryBackendOfRenders {
  /** The log of the story's latest render. */
  latest: RenderBackend | undefined;

  start(): RenderBackend {
    this.latest = new LoopbackRender();
    return this.latest;
  }
}

async function describeAnswer(response: Response): Promise<string> {
  if (response.ok) return 'token';
  const body = (await response.json().catch(() => undefined)) as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? `${response.status} ${body.code}` : `HTTP ${response.status}`;
}

/**
 * Lets the page's calls to a service on loopback (the fake that `npm start` runs) go out over
 * real HTTP, and writes each Create call and its answer into the Dev mode story's log.
 */
export const loopbackHandlers: RequestHandler[] = [
  http.all(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//, async ({ request }) => {
    const log = [...loopbackLogs].at(-1);
    if (!log || request.method !== 'POST' || new URL(request.url).pathname !== CREATE_PATH) return passthrough();
    const answered = log.received(await request.clone().json().catch(() => undefined));
    try {
      const response = await fetch(bypass(request));
      answered(await describeAnswer(response.clone()));
      return response;
    } catch {
      answered('unreachable');
      return HttpResponse.error();
    }
  }),
];
