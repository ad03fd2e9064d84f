import { mountApp } from '@shared/ui/mount-app';
import { App } from './app';
import { en } from './i18n/en';
import { ko } from './i18n/ko';

mountApp(<App />, { ko, en }, 'customer');
