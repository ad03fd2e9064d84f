import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '@shared/i18n';

/** 한국어 / English with finger-sized (44 px) segments; the shared toggle is sized for desks. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="md"
      radius="md"
      aria-label={t('common:language.toggle')}
      value={i18n.language === 'en' ? 'en' : 'ko'}
      onChange={(value) => setLanguage(value as Language)}
      styles={{
        label: { minHeight: 44, minWidth: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' },
      }}
      data={[
        { value: 'ko', label: t('common:language.ko') },
        { value: 'en', label: t('common:language.en') },
      ]}
    />
  );
}
