import { useSyncExternalStore } from 'react';

/**
 * A value that lives outside React — the tablet's device and cart, the order outbox, a staff
 * session, the dashboard's new-order marks — read by components through `useExternalStore`.
 *
 * What it guarantees:
 * - `get()` returns the value last set, the same reference until it changes: a valid snapshot
 *   for `useSyncExternalStore`. Values are treated as immutable: change one by setting a new
 *   value, never by mutating the one inside.
 * - Setting a value `Object.is`-equal to the current one changes nothing and notifies nobody.
 * - Each change calls every listener subscribed at that moment once, synchronously, in the order
 *   they subscribed, after the new value is in place (a listener reads it with `get()`). A
 *   listener subscribed during a notification hears from the next change on; one unsubscribed
 *   during a notification is not called any more, even for the change being announced.
 * - A listener that throws does not keep the others from being called; the first error is
 *   rethrown to the caller of `set` once every listener has run.
 * - Subscribing the same function twice counts once; the returned unsubscribe removes that
 *   listener only and may be called any number of times.
 */
export interface ExternalStore<T> {
  get(): T;
  set(next: T): void;
  /** `set(change(get()))`. */
  update(change: (current: T) => T): void;
  subscribe(listener: () => void): () => void;
}

export function createExternalStore<T>(initial: T): ExternalStore<T> {
  let state = initial;
  const listeners = new Set<() => void>();

  function set(next: T) {
    if (Object.is(next, state)) return;
    state = next;
    let failure: { error: unknown } | null = null;
    for (const listener of [...listeners]) {
      if (!listeners.has(listener)) continue;
      try {
        listener();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  return {
    get: () => state,
    set,
    update: (change) => set(change(state)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * The store's value, re-rendering the component when it changes. With `select`, only when the
 * selected part changes: `select` must return the same reference for the same value (a field of
 * it, a boolean), never a new object or array on each call, or React renders without end.
 */
export function useExternalStore<T>(store: ExternalStore<T>): T;
export function useExternalStore<T, S>(store: ExternalStore<T>, select: (value: T) => S): S;
export function useExternalStore<T, S>(store: ExternalStore<T>, select?: (value: T) => S): T | S {
  const snapshot: () => T | S = select ? () => select(store.get()) : store.get;
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}
