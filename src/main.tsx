/**
 * Entry point. Errors that escape React are shown on the page in both
 * languages: a user must never face a blank page or a console-only error.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app/fonts.css';
import './ui/app/app.css';
import { App } from './ui/app/App.tsx';
import { DataProvider } from './ui/app/DataProvider.tsx';
import { ErrorBoundary } from './ui/app/ErrorBoundary.tsx';
import { timeline } from './ui/app/startup.ts';
import { tBoth } from './model/i18n.ts';

timeline.record('script-start', 0);

function showFatal(reason: string): void {
  const root = document.getElementById('root');
  if (!root || root.querySelector('[data-testid="error"]')) return;
  const box = document.createElement('div');
  box.className = 'error-box fatal';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'error';
  const title = tBoth('errorTitle');
  const vi = document.createElement('p');
  vi.textContent = `${title.vi}: ${reason}`;
  const en = document.createElement('p');
  en.textContent = `${title.en}: ${reason}`;
  box.append(vi, en);
  root.prepend(box);
}

window.addEventListener('error', (e) => showFatal(e.message));
window.addEventListener('unhandledrejection', (e) => showFatal(e.reason instanceof Error ? e.reason.message : String(e.reason)));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <DataProvider>
        <App />
      </DataProvider>
    </ErrorBoundary>
  </StrictMode>,
);
