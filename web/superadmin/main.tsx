import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n';
import { App } from './app';
import { en } from './i18n/en';
import { ko } from './i18n/ko';

initI18n({ ko, en }, 'superadmin');

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
