import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <voip-softphone> (once, at start-up).
import 'voip-softphone';
// Types <voip-softphone> in JSX: its properties, attributes, onvoip-* listeners and ref.
import type {} from 'voip-softphone/types/react';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
