import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n';

export function LanguageToggle({ size = 'xs' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('common:language.toggle')}
      value={i18n.language === 'en' ? 'en' : 'ko'}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'ko', label: t('common:language.ko') },
        { value: 'en', label: t('common:language.en') },
      ]}
    />
  );
}
