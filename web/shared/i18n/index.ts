import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';
import { ko } from './ko';
import { zh } from './zh';

/** Every language an app may speak: the guests' apps all four, the staff apps Korean and English. */
export type Language = 'ko' | 'en' | 'ja' | 'zh';
export const GUEST_LANGUAGES: readonly Language[] = ['ko', 'en', 'ja', 'zh'];
export const STAFF_LANGUAGES: readonly Language[] = ['ko', 'en'];

const STORAGE_KEY = 'tableorder.language';
const commonStrings: Record<Language, Record<string, unknown>> = { ko, en, ja, zh };

/** BCP 47 tags for `<html lang>`, Intl and speech: Chinese is the Simplified script. */
export const LANGUAGE_TAGS: Record<Language, string> = { ko: 'ko-KR', en: 'en-US', ja: 'ja-JP', zh: 'zh-CN' };
/** `<html lang>` and `lang` attributes: the script matters to screen readers and fonts. */
export const HTML_LANG: Record<Language, string> = { ko: 'ko', en: 'en', ja: 'ja', zh: 'zh-Hans' };

let supported: readonly Language[] = STAFF_LANGUAGES;

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return supported.find((language) => language === saved) ?? 'ko';
  } catch {
    return 'ko';
  }
}

/** The app's current language, one of those it speaks (Korean while i18next is not ready). */
export function currentLanguage(language: string = i18n.language): Language {
  return supported.find((l) => l === language) ?? 'ko';
}

/** The languages this app offers on its switch. */
export function supportedLanguages(): readonly Language[] {
  return supported;
}

export type AppStrings = Partial<Record<Language, Record<string, unknown>>> & {
  ko: Record<string, unknown>;
  en: Record<string, unknown>;
};

/**
 * Korean by default; the app offers the languages it has strings for (ko and en at least) and
 * remembers the choice per device. Each app adds its own strings under its namespace next to the
 * shared `common` ones.
 */
export function initI18n(appResources: AppStrings, ns: string) {
  supported = (Object.keys(HTML_LANG) as Language[]).filter((language) => appResources[language]);
  const resources: Resource = {};
  for (const language of supported) {
    resources[language] = { common: commonStrings[language], [ns]: appResources[language] ?? {} };
  }
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
  document.documentElement.lang = HTML_LANG[currentLanguage()];
  return i18n;
}

export function setLanguage(language: Language): void {
  if (!supported.includes(language)) return;
  void i18n.changeLanguage(language);
  document.documentElement.lang = HTML_LANG[language];
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the toggle still works for this page
  }
}

export { i18n };
