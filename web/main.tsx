// Entry of the web build: the meter page, kept in this browser's localStorage.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App storage={window.localStorage} />
  </StrictMode>,
);
