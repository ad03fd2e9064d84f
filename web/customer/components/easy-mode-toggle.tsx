import { Button, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@shared/i18n';
import { easyMode, useEasyMode } from '../lib/easy-mode';
import { speak, speechAvailable, stopSpeaking } from '../lib/speech';
import { EasyIcon, SpeakerIcon } from './icons';

/**
 * 쉬운 주문, one tap away in every header: a toggle button (pressed while on) and, while easy mode
 * is on and the device can speak, a second toggle for the voice.
 */
export function EasyModeToggle({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const mode = useEasyMode();
  const height = mode.on ? 64 : 44;
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        h={height}
        px={compact ? 'xs' : 'sm'}
        fz={mode.on ? 22 : 'md'}
        fw={800}
        variant={mode.on ? 'filled' : 'outline'}
        color="dark"
        leftSection={<EasyIcon size={mode.on ? 26 : 20} />}
        aria-pressed={mode.on}
        title={t('easy.toggleHint')}
        onClick={() => {
          const turningOn = !mode.on;
          easyMode.set({ on: turningOn });
          if (turningOn && mode.speech) speak(t('easy.sayOn'), currentLanguage(i18n.language));
          if (!turningOn) stopSpeaking();
        }}
        data-testid="easy-mode-toggle"
      >
        {t('easy.toggle')}
      </Button>
      {mode.on && speechAvailable() && (
        <Button
          h={height}
          px="sm"
          fz={22}
          fw={800}
          variant={mode.speech ? 'filled' : 'outline'}
          color="dark"
          leftSection={<SpeakerIcon size={26} />}
          aria-pressed={mode.speech}
          onClick={() => {
            if (mode.speech) stopSpeaking();
            easyMode.set({ speech: !mode.speech });
          }}
          data-testid="easy-speech-toggle"
        >
          {compact ? <VisuallyHidden>{t('easy.speech')}</VisuallyHidden> : t('easy.speech')}
        </Button>
      )}
    </Group>
  );
}
