import { afterEach, describe, expect, it } from 'vitest';
import { CREATE_PATH, createFakeTokenService, type FakeServer } from '../../src/testing';

let server: FakeServer | undefined;
afterEach(() => server?.close());

describe('a person who opens the fake in a browser is told where the Create call is', () => {
  it('GET / on the loopback server is 404 unimplemented, naming the Create path', async () => {
    server = await createFakeTokenService({ apiKey: 'test-key' }).listen();

    const response = await fetch(`${server.url}/`);

    expect(response.status).toBe(404);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('unimplemented');
    expect(body.message).toContain(`POST ${CREATE_PATH}`);
  });

  it('a GET of the Create path itself is 405, naming the method to use', async () => {
    const fake = createFakeTokenService({ apiKey: 'test-key' });

    const response = await fake.handle(new Request(`http://fake.test${CREATE_PATH}`));

    expect(response.status).toBe(405);
    expect(((await response.json()) as { message: string }).message).toContain(`POST ${CREATE_PATH}`);
  });
});
