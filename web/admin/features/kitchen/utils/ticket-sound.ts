import { createExternalStore, useExternalStore } from '@shared/lib/external-store';

/**
 * The kitchen display's new-ticket bell (WebAudio, three short rising notes, loud enough for a
 * kitchen). Browsers allow sound only after a tap, so the cook turns it on once; the choice is
 * remembered on the device.
 */
function createTicketSound() {
  const KEY = 'tableorder.kitchen.sound';
  let context: AudioContext | null = null;
  const enabled = createExternalStore(false);

  function tone(ctx: AudioContext, frequency: number, start: number, length: number) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'triangle';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  function play() {
    if (!enabled.get() || !context) return;
    const now = context.currentTime;
    tone(context, 660, now, 0.15);
    tone(context, 880, now + 0.17, 0.15);
    tone(context, 1100, now + 0.34, 0.3);
  }

  return {
    /** Asked for by a tap: the browser then lets the page play sound. */
    enable() {
      const Ctor = window.AudioContext;
      if (!Ctor) return;
      context ??= new Ctor();
      void context.resume();
      enabled.set(true);
      try {
        localStorage.setItem(KEY, '1');
      } catch {
        // Private mode: the choice lasts until the page is closed.
      }
      play();
    },
    disable() {
      enabled.set(false);
      try {
        localStorage.removeItem(KEY);
      } catch {
        // Nothing to forget.
      }
    },
    /** Whether the cook turned it on before on this device (the first tap then turns it on again). */
    wanted: () => {
      try {
        return localStorage.getItem(KEY) === '1';
      } catch {
        return false;
      }
    },
    play,
    useEnabled: () => useExternalStore(enabled),
  };
}

export const ticketSound = createTicketSound();
