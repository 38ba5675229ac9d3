// Issue 19, item 6: a framework's control flow thrown by `authorize` or a rate-limit `key`
// (Next's redirect(), notFound(), a dynamic-usage bailout: a `digest` starting with NEXT_ or
// equal to DYNAMIC_SERVER_USAGE) passes through unchanged: `mint` rejects with that very
// error, and the handler's promise rejects with it, for the framework to answer. The Next
// consumer (test/consumers/next.consumer.ts) checks that Next answers it as its own.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { createRoomTokenHandler, type RoomTokenHandlerOptions } from '../../src/server';
import { API_KEY, allowAll, consoleLines, createBody, expectConnectError, guardTheKey, readAnswer, startFake } from './support';

guardTheKey();

/** Errors as Next.js throws them: an Error with a `digest`. */
const flow = (digest: string) => Object.assign(new Error(digest.split(';')[0]), { digest });
const FLOWS = [
  ['redirect()', flow('NEXT_REDIRECT;replace;/login;307;')],
  ['notFound()', flow('NEXT_HTTP_ERROR_FALLBACK;404')],
  ['a dynamic-usage bailout', flow('DYNAMIC_SERVER_USAGE')],
  ['a digest that is only NEXT_', Object.assign(Object.create(null) as object, { digest: 'NEXT_NOT_FOUND' })],
] as const;

const httpRequest = () =>
  new Request('http://app.test/api/room-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(createBody({ user_id: 'user-1', room_id: 'room-1' })),
  });

async function handlerWith(options: Partial<RoomTokenHandlerOptions>) {
  const { fake, url } = await startFake();
  return { fake, handler: createRoomTokenHandler({ apiKey: API_KEY, authorize: allowAll, baseUrl: url, ...options }) };
}

describe.each(FLOWS)('given %s thrown by the policy', (_name, thrown) => {
  const throwIt = () => {
    throw thrown;
  };

  it('from authorize: the HTTP path rejects with that very error, and nothing is sent or logged', async () => {
    const { fake, handler } = await handlerWith({ authorize: throwIt });

    await expect(handler(httpRequest())).rejects.toBe(thrown);
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines()).toEqual([]);
  });

  it('from an async authorize: mint rejects with that very error', async () => {
    const { fake, handler } = await handlerWith({ authorize: async () => throwIt() });

    await expect(handler.mint({ roomId: 'room-1', userId: 'user-1' }, { headers: new Headers() })).rejects.toBe(thrown);
    expect(fake.calls).toHaveLength(0);
  });

  it('from a rate-limit key: both paths reject with it, and no point is counted', async () => {
    const limiter = new RateLimiterMemory({ points: 5, duration: 60 });
    const { fake, handler } = await handlerWith({ rateLimit: { limiter, key: throwIt } });

    await expect(handler(httpRequest())).rejects.toBe(thrown);
    await expect(handler.mint({ roomId: 'room-1', userId: 'user-1' }, { headers: new Headers() })).rejects.toBe(thrown);
    expect(fake.calls).toHaveLength(0);
    expect(await limiter.get('user-1')).toBeNull();
  });
});

describe('given an error that only looks like control flow', () => {
  it.each([
    ['another digest', flow('SOME_OTHER_DIGEST')],
    ['a digest that is not a string', Object.assign(new Error('x'), { digest: 42 })],
    ['NEXT_ not at the start', flow('NOT_NEXT_REDIRECT')],
  ])('%s is a fault of the policy: 500 internal, one line', async (_name, thrown) => {
    const { handler } = await handlerWith({
      authorize: () => {
        throw thrown;
      },
    });

    expectConnectError(await readAnswer(await handler(httpRequest())), 500, 'internal');
    expect(consoleLines()).toHaveLength(1);
  });
});
