import type { RequestHandler } from 'msw';
import { CREATE_PATH } from '../../src/core';
import type { TokenSourceOptions } from '../../src';
import { createFakeTokenService, type FakeFault, type FakeTokenService } from '../../src/testing';
import { mswHandlers } from '../../src/testing/msw';

/** One request the backend received, as a story shows it (never its headers). */
export interface BackendEntry {
  /** 1 for the first request since the story started. */
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

function describeFault(fault: FakeFault | undefined): string {
  if (fault === undefined) return 'token';
  if (typeof fault === 'string') return fault === 'drop' ? 'connection dropped' : fault;
  return 'code' in fault ? `${fault.status ?? ''} ${fault.code}`.trim() : `HTTP ${fault.status}`;
}

/**
 * The package's fake token service playing the app's backend (it speaks the same contract)
 * for one story: msw handlers, a fault script counted from the story's start, and a log.
 * Each backend has a host of its own, so that the handlers of every story can be installed
 * at once (a Docs page renders all stories of a file together, with one set of handlers).
 * A class, so Storybook keeps it by reference in `parameters` rather than merging a copy.
 */
export class StoryBackend {
  readonly fake: FakeTokenService;
  /** Where this backend pretends to live; msw answers it, nothing leaves the page. */
  readonly url: string;
  /** Token source options for a RoomTokenProvider: this backend, with the app's session. */
  readonly source: TokenSourceOptions;
  /** msw handlers that answer this backend's URL with the fake. */
  readonly handlers: RequestHandler[];
  private first = 0;
  private entries: readonly BackendEntry[] = [];
  private readonly listeners = new Set<() => void>();

  /**
   * @param name - a host name label: the backend lives at `https://<name>.backend.example.test`
   * @param script.latencyMs - how long each answer takes
   * @param script.fault - the fault for the `n`th request since the story started (0-based)
   */
  constructor(name: string, script: { latencyMs?: number; fault?: (n: number) => FakeFault | undefined } = {}) {
    this.url = `https://${name}.backend.example.test`;
    this.source = { endpoint: `${this.url}${CREATE_PATH}`, headers: { authorization: 'Bearer demo-session' } };
    const latencyMs = script.latencyMs ?? 300;
    this.fake = createFakeTokenService({
      // Called as each request arrives, before the latency: the log shows it as waiting.
      latencyMs: (call, index) => {
        const argument = ((call.body as { arguments?: WireArgument[] } | undefined)?.arguments ?? [])[0] ?? {};
        this.update([
          ...this.entries,
          {
            number: index - this.first + 1,
            roomId: argument.room_id ?? '',
            userId: argument.user_id ?? '',
            permissions: argument.permissions ?? [],
            metadata: argument.metadata ?? {},
            answer: 'waiting',
          },
        ]);
        return latencyMs;
      },
      fault: (_call, index) => {
        const fault = script.fault?.(index - this.first);
        const number = index - this.first + 1;
        this.update(this.entries.map((entry) => (entry.number === number ? { ...entry, answer: describeFault(fault) } : entry)));
        return fault;
      },
    });
    this.handlers = mswHandlers(this.fake, this.url);
  }


  /** Starts the fault script and the log over: every visit of a story plays it from the top. */
  reset(): void {
    this.first = this.fake.calls.length;
    this.update([]);
  }

  /** The requests since the story started. */
  readonly log = (): readonly BackendEntry[] => this.entries;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(entries: readonly BackendEntry[]): void {
    this.entries = entries;
    for (const listener of this.listeners) listener();
  }
}

/** The msw handlers of a file's backends, for `parameters.msw.handlers` (groups by name). */
export function handlersOf(backends: Record<string, StoryBackend>): Record<string, RequestHandler[]> {
  return Object.fromEntries(Object.entries(backends).map(([name, backend]) => [name, backend.handlers]));
}
