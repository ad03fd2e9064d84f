import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';

/** Starts one of the apps: its strings (namespace `ns`, beside `common`), then the app into #root. */
export function mountApp(app: ReactNode, strings: Parameters<typeof initI18n>[0], ns: string): void {
  initI18n(strings, ns);
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
