import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './i18n/index.js';
import './styles.css';
import { App } from './App.js';
import { NoticeProvider, SessionProvider } from './session.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <NoticeProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </NoticeProvider>
    </BrowserRouter>
  </StrictMode>,
);
