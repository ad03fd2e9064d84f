import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TRANSLATED_LANGUAGES, type Translations } from '@contract/i18n';

const LABELS = { en: 'English', ja: '日本語', zh: '中文' } as const;

/** A translation's fields as typed: untouched languages stay out of the body. */
export function setTranslation(
  translations: Translations,
  language: (typeof TRANSLATED_LANGUAGES)[number],
  field: 'name' | 'description',
  value: string,
): Translations {
  const current = { ...(translations[language] ?? {}) };
  if (value.trim()) current[field] = value;
  else delete current[field];
  const next = { ...translations };
  if (Object.keys(current).length > 0) next[language] = current;
  else delete next[language];
  return next;
}

/** Trims every field and leaves out the empty ones, as the server would show them anyway. */
export function cleanTranslations(translations: Translations): Translations {
  const next: Translations = {};
  for (const language of TRANSLATED_LANGUAGES) {
    const name = translations[language]?.name?.trim();
    const description = translations[language]?.description?.trim();
    if (name || description) next[language] = { ...(name ? { name } : {}), ...(description ? { description } : {}) };
  }
  return next;
}

/**
 * The store text in English, Japanese and Chinese (guests see Korean where a field is left empty).
 * `description` adds a description field per language.
 */
export function TranslationFields({
  value,
  onChange,
  description = false,
  label,
}: {
  value: Translations;
  onChange: (value: Translations) => void;
  description?: boolean;
  /** What is translated, for screen readers: "김치찌개". */
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={description ? 1 : 3} spacing="xs">
      {TRANSLATED_LANGUAGES.map((language) => (
        <SimpleGrid key={language} cols={description ? 2 : 1} spacing="xs">
          <TextInput
            size="sm"
            label={`${LABELS[language]} · ${t('common:translations.name')}`}
            aria-label={label ? `${label} ${LABELS[language]}` : undefined}
            value={value[language]?.name ?? ''}
            maxLength={100}
            onChange={(event) => onChange(setTranslation(value, language, 'name', event.currentTarget.value))}
            data-testid={`translation-${language}-name`}
          />
          {description && (
            <TextInput
              size="sm"
              label={`${LABELS[language]} · ${t('common:translations.description')}`}
              value={value[language]?.description ?? ''}
              maxLength={500}
              onChange={(event) => onChange(setTranslation(value, language, 'description', event.currentTarget.value))}
              data-testid={`translation-${language}-description`}
            />
          )}
        </SimpleGrid>
      ))}
    </SimpleGrid>
  );
}
