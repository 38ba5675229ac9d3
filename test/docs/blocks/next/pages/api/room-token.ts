// Tested copy of the block id=next-pages-api (docs tests compare the two; only import paths differ).
// pages/api/room-token.ts
import { createRequestListener } from '@remix-run/node-fetch-server';
import { roomTokens } from '../../../../../server/recipes/nextRoomTokens';

export const config = { api: { bodyParser: false } };

export default createRequestListener(roomTokens);
