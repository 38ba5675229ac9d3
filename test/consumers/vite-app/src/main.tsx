// As a fresh Vite React app has it. src/App.tsx is the README's dev-mode App (id=readme-app-dev),
// written there by the test (test/consumers/vite.consumer.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
