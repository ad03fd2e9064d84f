import { describe, expect, test, vi } from 'vitest';
import { createExternalStore } from './external-store';

describe('createExternalStore', () => {
  test('get returns the value last set, the same reference until it changes', () => {
    const first = { n: 1 };
    const store = createExternalStore(first);
    expect(store.get()).toBe(first);
    expect(store.get()).toBe(store.get());
    const second = { n: 2 };
    store.set(second);
    expect(store.get()).toBe(second);
  });

  test('listeners run after the new value is in place, once per change', () => {
    const store = createExternalStore(0);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get()));
    store.set(1);
    store.set(2);
    expect(seen).toEqual([1, 2]);
  });

  test('an equal value (Object.is) notifies nobody', () => {
    const value = { n: 1 };
    const store = createExternalStore(value);
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(value);
    expect(listener).not.toHaveBeenCalled();

    const nan = createExternalStore(Number.NaN);
    nan.subscribe(listener);
    nan.set(Number.NaN);
    expect(listener).not.toHaveBeenCalled();
  });

  test('a new object with the same content is a change', () => {
    const store = createExternalStore({ n: 1 });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set({ n: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('update derives the next value from the current one', () => {
    const store = createExternalStore({ count: 1, name: 'a' });
    store.update((s) => ({ ...s, count: s.count + 1 }));
    expect(store.get()).toEqual({ count: 2, name: 'a' });
    const listener = vi.fn();
    store.subscribe(listener);
    store.update((s) => s);
    expect(listener).not.toHaveBeenCalled();
  });

  test('listeners are called in the order they subscribed', () => {
    const store = createExternalStore(0);
    const order: string[] = [];
    store.subscribe(() => order.push('a'));
    store.subscribe(() => order.push('b'));
    store.subscribe(() => order.push('c'));
    store.set(1);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('unsubscribe removes that listener only, and twice is harmless', () => {
    const store = createExternalStore(0);
    const a = vi.fn();
    const b = vi.fn();
    const offA = store.subscribe(a);
    store.subscribe(b);
    offA();
    offA();
    store.set(1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  test('the same function subscribed twice is called once', () => {
    const store = createExternalStore(0);
    const listener = vi.fn();
    store.subscribe(listener);
    store.subscribe(listener);
    store.set(1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('a listener subscribed during a notification hears from the next change on', () => {
    const store = createExternalStore(0);
    const late = vi.fn();
    let added = false;
    store.subscribe(() => {
      if (!added) store.subscribe(late);
      added = true;
    });
    store.set(1);
    expect(late).not.toHaveBeenCalled();
    store.set(2);
    expect(late).toHaveBeenCalledTimes(1);
  });

  test('a listener unsubscribed during a notification is not called for it', () => {
    const store = createExternalStore(0);
    const second = vi.fn();
    let offSecond = () => {};
    store.subscribe(() => offSecond());
    offSecond = store.subscribe(second);
    store.set(1);
    expect(second).not.toHaveBeenCalled();
  });

  test('a throwing listener does not silence the others; its error reaches the caller', () => {
    const store = createExternalStore(0);
    const after = vi.fn();
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe(after);
    expect(() => store.set(1)).toThrow('boom');
    expect(after).toHaveBeenCalledTimes(1);
    expect(store.get()).toBe(1);
  });

  test('a listener that sets again sees every listener hear the latest value', () => {
    const store = createExternalStore(0);
    const seen: number[] = [];
    store.subscribe(() => {
      if (store.get() === 1) store.set(2);
    });
    store.subscribe(() => seen.push(store.get()));
    store.set(1);
    expect(store.get()).toBe(2);
    expect(seen.at(-1)).toBe(2);
  });
});
