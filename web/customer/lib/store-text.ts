import { useTranslation } from 'react-i18next';
import { type Translations, translate } from '@contract/i18n';
import { currentLanguage } from '@shared/i18n';

/**
 * A store's own text (a category, a dish) in the guest's language, field by field, with Korean
 * wherever staff entered no translation.
 */
export function useStoreText(): (item: { name: string; description?: string; translations?: Translations }) => {
  name: string;
  description: string;
} {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (item) => translate(item, item.translations, language);
}
