import { LANGUAGES, type Language, type Translations, translate } from '@contract/i18n';

/** Any UI language tag (`en-US`, `ja`, `zh-CN`…) as one of the store's languages; Korean otherwise. */
export function asLanguage(language: string | undefined): Language {
  const base = (language ?? '').toLowerCase().split('-')[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'ko';
}

type Texts = { name: string; description?: string; translations?: Translations };

/**
 * A store text (category, dish, option group, option) in the guest's language, field by field:
 * an untranslated name or description shows in Korean.
 */
export function localized(entity: Texts, language: string | undefined): { name: string; description: string } {
  return translate(
    { name: entity.name, ...(entity.description !== undefined ? { description: entity.description } : {}) },
    entity.translations,
    asLanguage(language),
  );
}

/** Just the name, for labels and lists. */
export const localizedName = (entity: Texts, language: string | undefined): string => localized(entity, language).name;
