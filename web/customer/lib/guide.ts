import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@shared/i18n';
import { easyMode, useEasyMode } from './easy-mode';
import { speak } from './speech';

/**
 * Spoken guidance for easy mode: `say` speaks only while easy mode and its voice are on, in the
 * guest's language; `won` words an amount for the ear ("12,000 won", not "₩12,000").
 */
export function useGuide() {
  const { t, i18n } = useTranslation();
  const mode = useEasyMode();
  const language = currentLanguage(i18n.language);
  const won = (amount: number) =>
    t('easy.won', { amount: Math.round(amount).toLocaleString(language === 'zh' ? 'zh-CN' : 'ko-KR') });
  return {
    active: mode.on && mode.speech,
    won,
    say(text: string): void {
      // Read at call time: a tap right after turning the voice off stays silent.
      const now = easyMode.get();
      if (now.on && now.speech) speak(text, language);
    },
  };
}
