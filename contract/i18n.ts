import { z } from 'zod';
import { displayText } from './text.js';

/** The languages of the tablet and phone apps; Korean is the default and the fallback. */
export const LANGUAGES = ['ko', 'en', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The languages staff may translate store texts into (Korean is the text itself). */
export const TRANSLATED_LANGUAGES = ['en', 'ja', 'zh'] as const;

export const Translation = z
  .object({
    name: displayText(0, 100).optional(),
    description: displayText(0, 500, { multiline: true }).optional(),
  })
  .strict();
export type Translation = z.infer<typeof Translation>;

/**
 * Staff-entered translations of a store text (category, dish, option group, option, call reason),
 * field by field; whatever is missing shows in Korean.
 */
export const Translations = z
  .object({ en: Translation.optional(), ja: Translation.optional(), zh: Translation.optional() })
  .strict();
export type Translations = z.infer<typeof Translations>;

/** A text in the guest's language, field by field, falling back to Korean. */
export function translate(
  korean: { name: string; description?: string },
  translations: Translations | undefined,
  language: Language,
): { name: string; description: string } {
  const t = language === 'ko' ? undefined : translations?.[language];
  return {
    name: t?.name?.trim() || korean.name,
    description: t?.description?.trim() || korean.description || '',
  };
}
