import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './i18n/index.js';
import './styles.css';
import { App } from './App.js';
import { NoticeProvider, SessionProvider } from './session.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

/**
 * A data router with one catch-all route: the routes themselves stay in App's <Routes>, and pages
 * get the data-router features, such as useBlocker to keep unsaved work from being navigated away.
 */
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <NoticeProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </NoticeProvider>
    ),
  },
]);

createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
