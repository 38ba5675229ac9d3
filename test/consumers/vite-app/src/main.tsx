// As a fresh Vite React app has it. src/App.tsx is the README's "Use it in your app" code,
// written there by the test (test/consumers/vite.consumer.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
