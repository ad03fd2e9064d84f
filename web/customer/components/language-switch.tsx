import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, HTML_LANG, setLanguage, supportedLanguages } from '@shared/i18n';
import { CheckIcon, GlobeIcon } from './icons';

/**
 * 한국어 / English / 日本語 / 中文 (each named in itself, so a guest finds theirs whatever the screen
 * shows now) behind one finger-sized button that shows the current language;
 * four segments would leave the tablet's header no room.
 */
export function LanguageSwitch({ size = 44 }: { size?: number }) {
  const { t, i18n } = useTranslation();
  const current = currentLanguage(i18n.language);
  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="default"
          h={size}
          px="sm"
          fz={size > 44 ? 'lg' : 'md'}
          leftSection={<GlobeIcon size={20} />}
          aria-label={`${t('common:language.toggle')}: ${t(`common:language.${current}`)}`}
          data-testid="language-switch"
        >
          <span lang={HTML_LANG[current]}>{t(`common:language.${current}`)}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {supportedLanguages().map((language) => (
          <Menu.Item
            key={language}
            lang={HTML_LANG[language]}
            fz={size > 44 ? 'xl' : 'lg'}
            mih={size}
            aria-current={language === current ? 'true' : undefined}
            rightSection={language === current ? <CheckIcon size={18} /> : null}
            onClick={() => setLanguage(language)}
          >
            {t(`common:language.${language}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
