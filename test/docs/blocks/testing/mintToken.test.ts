// Tested copy of the block id=testing-server (docs tests compare the two; only import paths differ).
// src/mintToken.test.ts
import { createFakeTokenService, createRoomMemberTokens } from '../../../../src/testing';
import { expect, test } from 'vitest';

test('mints one token per request, in one Create call', async () => {
  const fake = createFakeTokenService({ apiKey: 'test-key' });
  const server = await fake.listen(); // http://127.0.0.1:<free port>
  try {
    const tokens = await createRoomMemberTokens([{ roomId: 'r1', userId: 'u1' }, { roomId: 'r2', userId: 'u1' }], { baseUrl: server.url, apiKey: 'test-key' });

    expect(tokens).toEqual(fake.issued.map((issued) => issued.token));
    expect(fake.calls).toHaveLength(1);
  } finally {
    await server.close();
  }
});
