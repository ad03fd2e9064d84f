import { mountApp } from '@shared/ui/mount-app';
import { App } from './app';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import { ko } from './i18n/ko';
import { zh } from './i18n/zh';

// Guests read Korean, English, Japanese or Chinese; the staff apps speak Korean and English.
mountApp(<App />, { ko, en, ja, zh }, 'customer');
