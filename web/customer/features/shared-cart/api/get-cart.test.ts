import { describe, expect, it } from 'vitest';
import type { Cart } from '@contract/guests';
import { cartCount, newerCart } from './get-cart';

const line = (quantity: number, orderable = true): Cart['items'][number] => ({
  lineId: crypto.randomUUID(),
  menuId: crypto.randomUUID(),
  name: '김치찌개',
  quantity,
  optionIds: [],
  options: [],
  note: null,
  unitPrice: 9_000,
  subtotal: 9_000 * quantity,
  orderable,
  addedBy: { kind: 'guest', label: '손님 1' },
});

describe('the shared cart in the cache', () => {
  it('keeps the newest version whatever order answers and events arrive in', () => {
    const v2: Cart = { version: 2, items: [line(1)], totalAmount: 9_000 };
    const v3: Cart = { version: 3, items: [line(1), line(2)], totalAmount: 27_000 };
    expect(newerCart(undefined, v2)).toBe(v2);
    expect(newerCart(v2, v3)).toBe(v3);
    expect(newerCart(v3, v2)).toBe(v3);
    const empty: Cart = { version: 3, items: [], totalAmount: 0 };
    expect(newerCart(v3, empty)).toBe(empty);
  });

  it('counts the dishes that can be ordered', () => {
    expect(cartCount(undefined)).toBe(0);
    expect(cartCount({ version: 1, items: [line(2), line(3, false), line(1)], totalAmount: 0 })).toBe(3);
  });
});
