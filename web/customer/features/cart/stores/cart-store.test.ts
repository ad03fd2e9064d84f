import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@contract/orders';
import { aDish, lineOf } from '@customer/testing/factories';
import { MemoryStorage } from '@shared/testing/memory-storage';

const KEY = 'tableorder.customer.cart';
let storage: MemoryStorage;

/** The cart module as a fresh page load finds it, with `saved` in localStorage. */
async function loadCart(saved?: unknown) {
  vi.resetModules();
  if (saved !== undefined) storage.setItem(KEY, JSON.stringify(saved));
  return (await import('./cart-store')).cart;
}

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

const kimchi = aDish('김치찌개', 9_000);
const bulgogi = aDish('불고기', 15_000);
const dish = (menu: typeof kimchi) => ({ menuId: menu.id, name: menu.name, price: menu.price, imageUrl: null });

describe('cart', () => {
  test('adding a dish twice adds to its line', async () => {
    const cart = await loadCart();
    expect(cart.add(dish(kimchi))).toBe('added');
    expect(cart.add(dish(kimchi), 2)).toBe('added');
    cart.add(dish(bulgogi));
    expect(cart.get().lines).toEqual([lineOf(kimchi, 3), lineOf(bulgogi, 1)]);
  });

  test('a line stops at the most one order line may hold', async () => {
    const cart = await loadCart();
    cart.add(dish(kimchi), MAX_LINE_QUANTITY - 1);
    expect(cart.add(dish(kimchi), 5)).toBe('capped');
    expect(cart.get().lines[0]?.quantity).toBe(MAX_LINE_QUANTITY);
  });

  test('no new line past the most lines an order may have; existing lines still grow', async () => {
    const cart = await loadCart();
    for (let i = 0; i < MAX_ORDER_LINES; i += 1) cart.add(dish(aDish(`dish ${i}`, 1_000)));
    expect(cart.add(dish(kimchi))).toBe('too-many-lines');
    expect(cart.get().lines).toHaveLength(MAX_ORDER_LINES);
    const first = cart.get().lines[0];
    expect(first && cart.add({ ...first }, 1)).toBe('added');
  });

  test('quantities are whole numbers from 1 to the line maximum', async () => {
    const cart = await loadCart();
    cart.add(dish(kimchi));
    cart.setQuantity(kimchi.id, 4);
    expect(cart.get().lines[0]?.quantity).toBe(4);
    cart.setQuantity(kimchi.id, 0);
    expect(cart.get().lines[0]?.quantity).toBe(1);
    cart.setQuantity(kimchi.id, 1_000);
    expect(cart.get().lines[0]?.quantity).toBe(MAX_LINE_QUANTITY);
    cart.setQuantity(kimchi.id, 2.7);
    expect(cart.get().lines[0]?.quantity).toBe(2);
  });

  test('remove takes one line or several; clear empties it', async () => {
    const cart = await loadCart();
    const japchae = aDish('잡채', 12_000);
    for (const menu of [kimchi, bulgogi, japchae]) cart.add(dish(menu));
    cart.remove(kimchi.id);
    expect(cart.get().lines.map((l) => l.menuId)).toEqual([bulgogi.id, japchae.id]);
    cart.remove([bulgogi.id, japchae.id]);
    expect(cart.get().lines).toEqual([]);
    cart.add(dish(kimchi));
    cart.clear();
    expect(cart.get().lines).toEqual([]);
  });

  test('every change notifies the screens', async () => {
    const cart = await loadCart();
    const listener = vi.fn();
    cart.store.subscribe(listener);
    cart.add(dish(kimchi));
    cart.setQuantity(kimchi.id, 2);
    cart.remove(kimchi.id);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  test('the cart survives a reload; an empty cart leaves nothing behind', async () => {
    const cart = await loadCart();
    cart.add(dish(kimchi), 2);
    const reloaded = await loadCart();
    expect(reloaded.get().lines).toEqual([lineOf(kimchi, 2)]);
    reloaded.clear();
    expect(storage.getItem(KEY)).toBeNull();
  });

  test('a damaged saved cart loads what is sound, within limits', async () => {
    const cart = await loadCart({
      lines: [lineOf(kimchi, 2), { menuId: 42, quantity: 1 }, lineOf(bulgogi, 0), null, lineOf(aDish('잡채', 1), 500)],
    });
    expect(cart.get().lines.map((l) => l.quantity)).toEqual([2, MAX_LINE_QUANTITY]);
    expect((await loadCart({ lines: 'nope' })).get().lines).toEqual([]);
  });
});

describe('cart lines with options', () => {
  const withOptions = (optionIds: string[], note: string | null = null, price = 10_500) => ({
    ...dish(kimchi),
    price,
    optionIds,
    options: optionIds.map((id) => ({ groupName: '사리 추가', name: id, price: 500 })),
    note,
  });

  test('the same dish with other options or another note is another line; the same choice adds up', async () => {
    const cart = await loadCart();
    cart.add(dish(kimchi));
    cart.add(withOptions(['cheese', 'ramen']));
    cart.add(withOptions(['ramen', 'cheese']), 2);
    cart.add(withOptions(['ramen']));
    cart.add(withOptions(['ramen', 'cheese'], ' 덜 맵게 '));
    const lines = cart.get().lines;
    expect(lines.map((l) => [l.optionIds, l.note, l.quantity])).toEqual([
      [[], null, 1],
      // The latest add's order of the same set (and its price) is kept.
      [['ramen', 'cheese'], null, 3],
      [['ramen'], null, 1],
      [['ramen', 'cheese'], '덜 맵게', 1],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(4);
    // A plain dish keeps its id as its key, as carts saved before options did.
    expect(lines[0]?.key).toBe(kimchi.id);
    const chosen = lines[1];
    if (!chosen) throw new Error('no line');
    cart.setQuantity(chosen.key, 5);
    cart.remove(lines[2]?.key ?? '');
    expect(cart.get().lines.map((l) => l.quantity)).toEqual([1, 5, 1]);
  });

  test('a cart saved before options loads as plain lines', async () => {
    const cart = await loadCart({
      lines: [{ menuId: kimchi.id, name: '김치찌개', price: 9_000, imageUrl: null, quantity: 2 }],
    });
    expect(cart.get().lines).toEqual([lineOf(kimchi, 2)]);
  });
});
