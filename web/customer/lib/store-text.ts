import { useTranslation } from 'react-i18next';
import type { Translations } from '@contract/i18n';
import { localized } from '@shared/menu/localized';

/**
 * A store's own text (a category, a dish) in the guest's language, field by field, with Korean
 * wherever staff entered no translation.
 */
export function useStoreText(): (item: { name: string; description?: string; translations?: Translations }) => {
  name: string;
  description: string;
} {
  const { i18n } = useTranslation();
  return (item) => localized(item, i18n.language);
}
