// Tested copy of the block id=readme-vite-config (docs tests compare the two; only import paths differ).
// vite.config.ts
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where your backend listens in development (the server of "Go to production").
const backend = 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': backend } },
  preview: { proxy: { '/api': backend } },
});
