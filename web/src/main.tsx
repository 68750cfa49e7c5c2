/** Entry point: one API client for the page's life, wired to the stored session. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { UNAUTHORIZED_EVENT } from './auth/AuthContext';
import { currentToken } from './auth/session';
import { createApiClient } from './api/client';
import { createApi } from './api/endpoints';
import './global.css';

const api = createApi(
  createApiClient({
    getToken: currentToken,
    onUnauthorized: () => window.dispatchEvent(new Event(UNAUTHORIZED_EVENT)),
  }),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
