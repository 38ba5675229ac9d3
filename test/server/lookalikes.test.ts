// Issue 19, item 8, on the other two sides that share the client's validation: the handler
// refuses lookalike metadata and invisible characters from a caller (400) and from its own
// policy (500, nothing sent), and the fake upstream refuses them as the upstream would.
import { describe, expect, it } from 'vitest';
import { CREATE_PATH } from '../../src/core';
import { consoleLines, createBody, expectConnectError, guardTheKey, send, startFake, startHandler, API_KEY } from './support';

guardTheKey();

const LOOKALIKES: [string, Record<string, unknown>][] = [
  ['a metadata key that differs from mcuStream by case', { metadata: { McuStream: 'true' } }],
  ['a metadata key that differs from mcuStream by a separator', { metadata: { mcu_stream: 'true' } }],
  ['a metadata key with a zero-width space', { metadata: { 'mcuStream\u200b': 'true' } }],
  ['a metadata key with a Cyrillic letter', { metadata: { 'm\u0441uStream': 'true' } }],
  ['an mcuStream value other than "true" or "false"', { metadata: { mcuStream: 'TRUE' } }],
  ['a user id with a zero-width joiner', { user_id: 'user\u200d-1' }],
  ['a room id with a control character', { room_id: 'room-1\u0007' }],
];

describe('given lookalike metadata or invisible characters', () => {
  it.each(LOOKALIKES)('the handler answers a caller who sends %s with 400, and calls no upstream', async (_name, fields) => {
    const { url, fake } = await startHandler();

    expectConnectError(await send(url, { json: createBody({ user_id: 'user-1', room_id: 'room-1', ...fields }) }), 400, 'invalid_argument');
    expect(fake.calls).toHaveLength(0);
  });

  it.each(LOOKALIKES)('the handler refuses a policy that returns %s (500), and sends nothing', async (_name, fields) => {
    const { user_id: userId = 'user-1', room_id: roomId = 'room-1', metadata } = fields as { user_id?: string; room_id?: string; metadata?: Record<string, string> };
    const { url, fake } = await startHandler({ authorize: () => ({ roomId, userId, metadata }) });

    expectConnectError(await send(url, { json: createBody({ user_id: 'user-1', room_id: 'room-1' }) }), 500, 'internal');
    expect(fake.calls).toHaveLength(0);
    expect(consoleLines().map((line) => line.text)).toEqual([expect.stringContaining('authorize returned an invalid token request')]);
  });

  it.each(LOOKALIKES)('the fake upstream refuses %s with 400 invalid_argument and issues nothing', async (_name, fields) => {
    const { url, fake } = await startFake();

    const answer = await send(`${url}${CREATE_PATH}`, {
      json: createBody({ user_id: 'user-1', room_id: 'room-1', ...fields }),
      headers: { authorization: `Bearer ${API_KEY}` },
    });

    expect({ status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({ status: 400, code: 'invalid_argument' });
    expect(fake.issued).toHaveLength(0);
  });
});
