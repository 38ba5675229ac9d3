// docs/server.md's limitPermissions lines and its "without a handler" job, run as documented
// against the fake on loopback (the handler recipes run in test/server/*Recipe*.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as server from '../../src/server';
import { createFakeTokenService, type FakeTokenServiceOptions } from '../../src/testing';
import { docBlock } from './docBlocks';
import { expectCommentedResults, expectDocumented } from './documented';

const KEY = 'docs-job-key';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The job's module, loaded with its environment pointing at a fresh fake. */
async function loadJob(options: FakeTokenServiceOptions = {}) {
  const fake = createFakeTokenService({ apiKey: KEY, ...options });
  const upstream = await fake.listen();
  closers.push(upstream.close);
  vi.stubEnv('ROOM_TOKEN_API_KEY', KEY);
  vi.stubEnv('ROOM_TOKEN_BASE_URL', upstream.url);
  const job = await import('./blocks/server/mintToken');
  return { fake, job };
}

describe('docs/server.md: limitPermissions', () => {
  it('each line gives the result its comment says', () => {
    expect(expectCommentedResults(docBlock('server-limit-permissions'), server)).toBe(4);
  });
});

describe('docs/server.md: calling the service without a handler', () => {
  it('is documented as tested', () => {
    expectDocumented('server-create-tokens', 'test/docs/blocks/server/mintToken.ts');
  });

  it('resolves a broadcaster token from one Create call', async () => {
    const { fake, job } = await loadJob();

    const token = await job.mintBroadcasterToken('studio-7', 'ada');

    expect(token).toBe(fake.issued[0]!.token);
    expect(fake.calls.map((call) => call.body)).toEqual([
      { arguments: [{ user_id: 'ada', room_id: 'studio-7', metadata: { mcuStream: 'true' }, permissions: ['PermissionChat'] }] },
    ]);
  });

  it('resolves undefined in an outage, and rejects what trying again cannot fix', async () => {
    const down = await loadJob({ fault: { code: 'unavailable' } });
    await expect(down.job.mintBroadcasterToken('studio-7', 'ada')).resolves.toBeUndefined();

    const refused = await loadJob({ fault: { code: 'invalid_argument', message: 'no such room' } });
    await expect(refused.job.mintBroadcasterToken('studio-7', 'ada')).rejects.toMatchObject({ code: 'invalid_argument', retryable: false });
  });
});
