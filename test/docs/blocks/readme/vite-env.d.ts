// As a Vite app's src/vite-env.d.ts: import.meta.env's types for the README's dev-mode App.
/// <reference types="vite/client" />
