import { createExternalStore, useExternalStore } from '@shared/lib/external-store';

/**
 * The staff app's sounds, made with WebAudio: a short rising chime for a new order, a doorbell for
 * a staff call. Browsers only allow sound after a user gesture, so staff turn it on with one click
 * (which also plays the chime once, as a check).
 */
function createNewOrderSound() {
  let context: AudioContext | null = null;
  const enabled = createExternalStore(false);

  function tone(ctx: AudioContext, frequency: number, start: number, length: number, type: OscillatorType = 'sine') {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = type;
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

  /**
   * A staff call: a doorbell's "딩동" twice, lower and in a rounder (triangle) voice than the
   * new-order chime, so staff hear from across the room which of the two it is.
   */
  function playCall() {
    if (!enabled.get() || !context) return;
    const now = context.currentTime;
    for (const offset of [0, 0.7]) {
      tone(context, 784, now + offset, 0.3, 'triangle');
      tone(context, 587, now + offset + 0.32, 0.35, 'triangle');
    }
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
    playCall,
    useEnabled: () => useExternalStore(enabled),
  };
}

export const newOrderSound = createNewOrderSound();
