import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, setLanguage, supportedLanguages } from '../i18n';

/** The staff apps' switch: one segment per language the app speaks (Korean and English). */
export function LanguageToggle({ size = 'xs' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('common:language.toggle')}
      value={currentLanguage(i18n.language)}
      onChange={(value) => setLanguage(value as Language)}
      data={supportedLanguages().map((language) => ({ value: language, label: t(`common:language.${language}`) }))}
    />
  );
}
