import { createExternalStore, useExternalStore } from '@shared/lib/external-store';

/**
 * A short two-tone chime made with WebAudio. Browsers only allow sound after a user gesture, so
 * staff turn it on with one click (which also plays it once, as a check).
 */
function createNewOrderSound() {
  let context: AudioContext | null = null;
  const enabled = createExternalStore(false);

  function tone(ctx: AudioContext, frequency: number, start: number, length: number) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  function play() {
    if (!enabled.get() || !context) return;
    const now = context.currentTime;
    tone(context, 880, now, 0.18);
    tone(context, 1320, now + 0.2, 0.25);
  }

  return {
    enable() {
      const Ctor = window.AudioContext;
      if (!Ctor) return;
      context ??= new Ctor();
      void context.resume();
      enabled.set(true);
      play();
    },
    disable() {
      enabled.set(false);
    },
    play,
    useEnabled: () => useExternalStore(enabled),
  };
}

export const newOrderSound = createNewOrderSound();
