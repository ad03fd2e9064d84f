import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createExternalStore } from '@shared/lib/external-store';
import { fakeWindow, MemoryStorage, storageEvent } from '@shared/testing/memory-storage';
import { createNewOrders, SEEN_LIMIT } from './new-orders';
import { anOpenTable, anOrder, board, withOrders } from './testing/factories';

const STORE_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const STORE_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const signedInTo = (storeId: string | null) =>
  createExternalStore<{ principal: { storeId: string } } | null>(storeId ? { principal: { storeId } } : null);
const keyOf = (storeId: string) => `tableorder.admin.seenOrders.${storeId}`;

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('new-order marks', () => {
  const table = anOpenTable(3);
  const pending = anOrder(table, { orderNo: 1, totalAmount: 9_000 });
  const another = anOrder(table, { orderNo: 2, totalAmount: 4_000 });
  const preparing = anOrder(table, { orderNo: 3, totalAmount: 5_000, status: 'preparing' });
  const tables = board(withOrders(table, [pending, another, preparing])).tables;

  test('a pending order nobody acknowledged is new; one past pending never is', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    expect(marks.isNew(pending)).toBe(true);
    expect(marks.isNew(preparing)).toBe(false);
    expect(marks.countIn(tables)).toBe(2);
  });

  test('acknowledging clears the mark, notifies, and is kept for the store', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    const listener = vi.fn();
    marks.store.subscribe(listener);
    marks.acknowledge([pending.id]);
    expect(marks.isNew(pending)).toBe(false);
    expect(marks.isNew(another)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(storage.json(keyOf(STORE_A))).toEqual([pending.id]);
  });

  test('acknowledging what is already acknowledged notifies nobody', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    marks.acknowledge([pending.id]);
    const listener = vi.fn();
    marks.store.subscribe(listener);
    marks.acknowledge([pending.id]);
    expect(listener).not.toHaveBeenCalled();
  });

  test('a table’s or the whole board’s pending orders at once', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    marks.acknowledgeTable(tables[0] as (typeof tables)[number]);
    expect(marks.countIn(tables)).toBe(0);
    expect(storage.json(keyOf(STORE_A))).toEqual([pending.id, another.id]);

    const fresh = createNewOrders(signedInTo(STORE_B));
    fresh.acknowledgeAll(tables);
    expect(fresh.countIn(tables)).toBe(0);
  });

  test('a reload keeps what was acknowledged', () => {
    createNewOrders(signedInTo(STORE_A)).acknowledge([pending.id]);
    const reloaded = createNewOrders(signedInTo(STORE_A));
    expect(reloaded.isNew(pending)).toBe(false);
  });

  test('marks are per store: signing in to another store loads its own', () => {
    storage.setItem(keyOf(STORE_B), JSON.stringify([another.id]));
    const session = signedInTo(STORE_A);
    const marks = createNewOrders(session);
    marks.acknowledge([pending.id]);

    session.set({ principal: { storeId: STORE_B } });
    expect(marks.isNew(pending)).toBe(true);
    expect(marks.isNew(another)).toBe(false);

    session.set(null);
    expect(marks.isNew(another)).toBe(true);
  });

  test('only the latest acknowledgements are kept, oldest dropped first', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    const ids = Array.from({ length: SEEN_LIMIT + 2 }, (_, i) => `id-${i}`);
    marks.acknowledge(ids);
    const kept = storage.json(keyOf(STORE_A)) as string[];
    expect(kept).toHaveLength(SEEN_LIMIT);
    expect(kept[0]).toBe('id-2');
    expect(kept.at(-1)).toBe(`id-${SEEN_LIMIT + 1}`);
  });

  test('a full storage still clears the mark on this page', () => {
    const marks = createNewOrders(signedInTo(STORE_A));
    storage.full = true;
    marks.acknowledge([pending.id]);
    expect(marks.isNew(pending)).toBe(false);
  });

  test('broken stored data reads as nothing acknowledged', () => {
    storage.setItem(keyOf(STORE_A), '{"not":"a list"}');
    expect(createNewOrders(signedInTo(STORE_A)).isNew(pending)).toBe(true);
  });

  test('another tab’s acknowledgement reaches this one', () => {
    const win = fakeWindow();
    vi.stubGlobal('window', win);
    const marks = createNewOrders(signedInTo(STORE_A));
    const listener = vi.fn();
    marks.store.subscribe(listener);

    storage.setItem(keyOf(STORE_A), JSON.stringify([pending.id]));
    win.dispatchEvent(storageEvent(keyOf(STORE_A)));
    expect(marks.isNew(pending)).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);

    win.dispatchEvent(storageEvent(keyOf(STORE_B)));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
