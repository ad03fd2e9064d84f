import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';

export type Language = 'ko' | 'en';
const STORAGE_KEY = 'tableorder.language';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

/**
 * Korean by default, English on the toggle; the choice is remembered per device. Each app adds its
 * own strings under its namespace next to the shared `common` ones.
 */
export function initI18n(appResources: { ko: Record<string, unknown>; en: Record<string, unknown> }, ns: string) {
  const resources: Resource = {
    ko: { common: ko, [ns]: appResources.ko },
    en: { common: en, [ns]: appResources.en },
  };
  void i18n.use(initReactI18next).init({
    resources,
    lng: savedLanguage(),
    fallbackLng: 'ko',
    ns: ['common', ns],
    defaultNS: ns,
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the toggle still works for this page
  }
}

export { i18n };
