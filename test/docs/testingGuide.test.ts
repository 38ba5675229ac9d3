// docs/testing.md: its component and its Vitest, msw and server examples are the tested copies
// in ./blocks/testing (which vitest runs as tests of their own); the Jest example runs in the
// Jest consumer (test/consumers/jest.consumer.ts). The table of the fake's faults is played
// row by row: each fault, through a token client pointed at the fake as an endpoint, gives
// the code and the retryable the row says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE_PATH, createRoomTokenClient, RoomTokenError } from '../../src';
import { createFakeTokenService, type FakeFault } from '../../src/testing';
import { ROOT } from './docBlocks';
import { expectDocumented } from './documented';

describe('docs/testing.md blocks are their tested copies', () => {
  it.each([
    ['testing-component', 'LiveStage.tsx'],
    ['testing-vitest', 'LiveStage.test.tsx'],
    ['testing-msw', 'LiveStage.msw.test.tsx'],
    ['testing-server', 'mintToken.test.ts'],
  ])('%s', (id, file) => {
    expectDocumented(id, `test/docs/blocks/testing/${file}`);
  });
});

/** The rows of the faults table: the fault (as code), the code, whether retryable, and the timeout the row names. */
function faultRows() {
  const doc = readFileSync(join(ROOT, 'docs/testing.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| `fault` | `error.code` |'));
  const lines = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return lines.map((line) => {
    const [fault, code, retryable] = line.slice(2, -2).split(' | ');
    const timeout = /timeoutMs=\{(\d+)\}/.exec(fault!)?.[1];
    return {
      fault: new Function(`return (${/`([^`]+)`/.exec(fault!)![1]});`)() as FakeFault,
      code: /`(\w+)`/.exec(code!)![1],
      retryable: retryable === 'yes',
      timeoutMs: timeout ? Number(timeout) : undefined,
      line,
    };
  });
}

describe("docs/testing.md: the fake's faults", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const rows = faultRows();

  it('has a row for each kind of fault', () => {
    expect(rows.length).toBe(8);
  });

  it.each(rows.map((row) => [row.line, row] as const))('%s', async (_line, row) => {
    const fake = createFakeTokenService({ apiKey: 'test-key', fault: row.fault });
    const server = await fake.listen();
    closers.push(server.close);
    const client = createRoomTokenClient({
      endpoint: `${server.url}${CREATE_PATH}`,
      headers: { authorization: 'Bearer test-key' },
      retry: false,
      ...(row.timeoutMs !== undefined && { timeoutMs: row.timeoutMs }),
    });

    const error = await client.get({ roomId: 'studio-7', userId: 'ada' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(RoomTokenError);
    expect({ code: (error as RoomTokenError).code, retryable: (error as RoomTokenError).retryable }).toEqual({ code: row.code, retryable: row.retryable });
    if (row.line.includes('120000')) expect((error as RoomTokenError).retryAfterMs).toBe(120_000);
  });
});
