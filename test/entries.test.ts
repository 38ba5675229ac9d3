import { describe, expect, it, vi } from 'vitest';

// Any import of React or SWR from the modules under test fails the import itself.
const { forbidden } = vi.hoisted(() => ({
  forbidden: (name: string) => () => {
    throw new Error(`${name} must not be loaded by this entry`);
  },
}));
vi.mock('react', forbidden('react'));
vi.mock('react/jsx-runtime', forbidden('react/jsx-runtime'));
vi.mock('react-dom', forbidden('react-dom'));
vi.mock('swr', forbidden('swr'));
// msw is an optional peer: only react-room-token/testing/msw may load it.
vi.mock('msw', forbidden('msw'));

describe('the server and testing entries load no React and no msw', () => {
  it('the guard bites: importing react, swr or msw here fails', async () => {
    // Vitest wraps the factory's error; ours is its cause.
    await expect(import('react')).rejects.toMatchObject({ cause: { message: 'react must not be loaded by this entry' } });
    await expect(import('swr')).rejects.toMatchObject({ cause: { message: 'swr must not be loaded by this entry' } });
    await expect(import('msw')).rejects.toMatchObject({ cause: { message: 'msw must not be loaded by this entry' } });
  });

  it('src/core loads and exports the shared API', async () => {
    const core = await import('../src/core');

    expect(typeof core.createRoomMemberTokens).toBe('function');
    expect(core.PERMISSIONS).toHaveLength(12);
  });

  it('src/server.ts loads and exports the core', async () => {
    const server = await import('../src/server');

    expect(typeof server.createRoomMemberTokens).toBe('function');
    expect(typeof server.RoomTokenError).toBe('function');
  });

  it('src/testing.ts loads and exports the fake service and the core', async () => {
    const testing = await import('../src/testing');

    expect(typeof testing.createFakeTokenService).toBe('function');
    expect(typeof testing.createRoomMemberTokens).toBe('function');
  });
});
