import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { MemoryStorage } from '../testing/memory-storage';
import { storedValue } from './stored';

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

test('a value round-trips as JSON', () => {
  const value = storedValue<{ n: number }>('k');
  value.set({ n: 1 });
  expect(storage.getItem('k')).toBe('{"n":1}');
  expect(value.get()).toEqual({ n: 1 });
});

test('null removes the key', () => {
  storage.setItem('k', '1');
  storedValue<number>('k').set(null);
  expect(storage.getItem('k')).toBeNull();
});

test('missing or broken data reads as null', () => {
  expect(storedValue('absent').get()).toBeNull();
  storage.setItem('broken', '{not json');
  expect(storedValue('broken').get()).toBeNull();
});

test('a full storage neither throws nor changes what was kept', () => {
  const value = storedValue<number>('k');
  value.set(1);
  storage.full = true;
  expect(() => value.set(2)).not.toThrow();
  expect(() => value.set(null)).not.toThrow();
  expect(value.get()).toBe(1);
});

test('no storage at all (node, a locked-down browser) reads as null and writes nothing', () => {
  vi.stubGlobal('localStorage', undefined);
  const value = storedValue<number>('k');
  expect(() => value.set(1)).not.toThrow();
  expect(value.get()).toBeNull();
});
