// Tested copy of the block id=react-token-client (docs tests compare the two; only import paths differ).
// src/tokens.tsx
import type { ReactNode } from 'react';
import { createRoomTokenClient, RoomTokenProvider, type TokenRequest } from '../../../../src';
import type { RoomConnection } from './room'; // your room SDK's connection

export const client = createRoomTokenClient({ endpoint: '/api/room-token' });

export function keepTokenFresh(room: RoomConnection, request: TokenRequest) {
  room.onTokenExpired(async () => {
    const token = await client.refresh(request); // undefined if minting failed: keep the old one
    if (token) room.updateToken(token);
  });
}

export function Tokens({ children }: { children: ReactNode }) {
  return <RoomTokenProvider client={client}>{children}</RoomTokenProvider>;
}
