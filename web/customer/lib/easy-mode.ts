import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';

/**
 * Easy mode (쉬운 주문): large text and targets, high contrast, one dish per row and spoken
 * guidance. The choice belongs to the device (a tablet stays in easy mode for the next guest who
 * needs it until someone turns it off), so it lives in localStorage, not in the visit.
 */
export interface EasyMode {
  on: boolean;
  /** Spoken guidance while easy mode is on (the guest can silence it). */
  speech: boolean;
}

const saved = storedValue<Partial<EasyMode>>('tableorder.customer.easyMode');

/** Off unless this device turned it on; speech on by default once easy mode is. */
function load(): EasyMode {
  const value = saved.get();
  return { on: value?.on === true, speech: value?.speech !== false };
}

/** Marks the page so the easy-mode styles (bigger type, contrast) apply everywhere, dialogs too. */
function apply(mode: EasyMode): void {
  if (typeof document === 'undefined') return;
  if (mode.on) document.documentElement.dataset.easy = 'on';
  else delete document.documentElement.dataset.easy;
}

const store = createExternalStore<EasyMode>(load());
apply(store.get());

export const easyMode = {
  get: (): EasyMode => store.get(),
  set(change: Partial<EasyMode>): void {
    const next = { ...easyMode.get(), ...change };
    store.set(next);
    saved.set(next);
    apply(next);
  },
  toggle(): void {
    easyMode.set({ on: !easyMode.get().on });
  },
  subscribe: store.subscribe,
};

export function useEasyMode(): EasyMode {
  return useExternalStore(store);
}
