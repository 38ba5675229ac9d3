// docs/wire-contract.md's JSON blocks are what the package's fake of the service takes and
// answers: the request mints one token per argument, the answer has the documented shape,
// and a wrong key gets exactly the error shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_PATH, DEV_BASE_URL } from '../../src';
import { createFakeTokenService } from '../../src/testing';
import { docBlock } from './docBlocks';

const KEY = 'wire-key';
const fake = createFakeTokenService({ apiKey: KEY });
let url = '';
let close = async () => {};
beforeAll(async () => {
  const server = await fake.listen();
  url = `${server.url}${CREATE_PATH}`;
  close = server.close;
});
afterAll(() => close());

const post = (key: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: docBlock('wire-request') });

describe('docs/wire-contract.md', () => {
  it('names the Create call at the documented development host', () => {
    expect(docBlock('wire-request')).toBeTruthy();
    expect(`${DEV_BASE_URL}${CREATE_PATH}`).toBe('https://room.dev.zu.casa/room.tokens.private.v1.Service/Create');
  });

  it('the request gets an answer shaped as the response block: one URL-safe token per argument', async () => {
    const answer = await post(KEY);
    const body = (await answer.json()) as { tokens: string[] };
    const documented = JSON.parse(docBlock('wire-response')) as { tokens: string[] };

    expect(answer.status).toBe(200);
    expect(Object.keys(body)).toEqual(Object.keys(documented));
    expect(body.tokens).toHaveLength((JSON.parse(docBlock('wire-request')) as { arguments: unknown[] }).arguments.length);
    for (const token of [...body.tokens, ...documented.tokens]) expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('a wrong key gets the error block, with status 401', async () => {
    const answer = await post('not-the-key');

    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual(JSON.parse(docBlock('wire-error')));
  });
});
