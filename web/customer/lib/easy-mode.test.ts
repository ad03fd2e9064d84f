import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MemoryStorage } from '@shared/testing/memory-storage';
import { speak, stopSpeaking } from './speech';

const KEY = 'tableorder.customer.easyMode';
let storage: MemoryStorage;

async function load() {
  vi.resetModules();
  return import('./easy-mode');
}

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('easy mode', () => {
  test('is off on a new device, and remembered per device once turned on', async () => {
    const first = await load();
    expect(first.easyMode.get()).toEqual({ on: false, speech: true });
    first.easyMode.toggle();
    expect(first.easyMode.get().on).toBe(true);
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).toEqual({ on: true, speech: true });

    // A reload (a fresh module) on the same device comes back in easy mode.
    const again = await load();
    expect(again.easyMode.get()).toEqual({ on: true, speech: true });
    again.easyMode.set({ speech: false });
    expect((await load()).easyMode.get()).toEqual({ on: true, speech: false });
  });

  test('tells subscribers, and broken or unavailable storage leaves it off but working', async () => {
    storage.setItem(KEY, '{not json');
    const { easyMode } = await load();
    expect(easyMode.get().on).toBe(false);
    const heard = vi.fn();
    easyMode.subscribe(heard);
    storage.full = true;
    easyMode.toggle();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(easyMode.get().on).toBe(true);
  });
});

describe('speech', () => {
  function fakeEngine(voices: Array<{ lang: string; name: string }> = []) {
    const spoken: Array<{ text: string; lang: string; voice: string | null }> = [];
    const synth = {
      cancelled: 0,
      speak(u: SpeechSynthesisUtterance) {
        spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
      },
      cancel() {
        synth.cancelled++;
      },
      getVoices: () => voices as unknown as SpeechSynthesisVoice[],
    };
    const utter = (text: string) => ({ text, lang: '', voice: null, rate: 1 }) as unknown as SpeechSynthesisUtterance;
    return { synth, utter, spoken };
  }

  test('speaks in the chosen language with a matching voice, cutting off what was being said', () => {
    const engine = fakeEngine([
      { lang: 'ko-KR', name: 'Korean' },
      { lang: 'ja-JP', name: 'Japanese' },
      { lang: 'zh-TW', name: 'Taiwanese' },
    ]);
    expect(speak('김치찌개, 9,000원', 'ko', engine)).toBe(true);
    expect(speak('キムチチゲ、9,000ウォン', 'ja', engine)).toBe(true);
    expect(speak('泡菜汤', 'zh', engine)).toBe(true);
    expect(engine.spoken).toEqual([
      { text: '김치찌개, 9,000원', lang: 'ko-KR', voice: 'Korean' },
      { text: 'キムチチゲ、9,000ウォン', lang: 'ja-JP', voice: 'Japanese' },
      // No zh-CN voice: another Chinese one rather than a Korean voice reading Chinese.
      { text: '泡菜汤', lang: 'zh-CN', voice: 'Taiwanese' },
    ]);
    expect(engine.synth.cancelled).toBe(3);
  });

  test('without speech support, or with an engine that throws, nothing breaks', () => {
    expect(speak('hello', 'en', null)).toBe(false);
    const engine = fakeEngine();
    engine.synth.speak = () => {
      throw new Error('no audio device');
    };
    expect(speak('hello', 'en', engine)).toBe(false);
    expect(speak('   ', 'en', fakeEngine())).toBe(false);
    expect(() => stopSpeaking(null)).not.toThrow();
  });
});
