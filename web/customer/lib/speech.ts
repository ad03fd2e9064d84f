import { LANGUAGE_TAGS, type Language } from '@shared/i18n';

/** The part of the Web Speech API the guidance uses (a test passes its own). */
export interface SpeechSynth {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
}

type UtteranceFactory = (text: string) => SpeechSynthesisUtterance;

function browserSynth(): { synth: SpeechSynth; utter: UtteranceFactory } | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  if (typeof window.SpeechSynthesisUtterance !== 'function') return null;
  return { synth: window.speechSynthesis, utter: (text) => new window.SpeechSynthesisUtterance(text) };
}

/** Whether this browser can speak at all (many kiosk builds of Chromium cannot). */
export function speechAvailable(): boolean {
  return browserSynth() !== null;
}

/**
 * Says `text` in `language`, cutting off whatever was being said (the newest tap matters). Picks a
 * voice of that language when the device has one; without speech support it does nothing and
 * returns false, so the screen stays the guidance.
 */
export function speak(
  text: string,
  language: Language,
  engine: { synth: SpeechSynth; utter: UtteranceFactory } | null = browserSynth(),
): boolean {
  if (!engine || !text.trim()) return false;
  const tag = LANGUAGE_TAGS[language];
  try {
    engine.synth.cancel();
    const utterance = engine.utter(text);
    utterance.lang = tag;
    const prefix = tag.slice(0, 2);
    const voice =
      engine.synth.getVoices().find((v) => v.lang === tag) ??
      engine.synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    engine.synth.speak(utterance);
    return true;
  } catch {
    // A speech engine that fails must never break ordering.
    return false;
  }
}

/** Stops speaking (easy mode or speech turned off). */
export function stopSpeaking(engine = browserSynth()): void {
  try {
    engine?.synth.cancel();
  } catch {
    // nothing to stop
  }
}
