import { describe, expect, test } from 'vitest';
import { aDish, lineOf, menusOf } from '@customer/testing/factories';
import { reviewCart } from './review-cart';

describe('reviewCart', () => {
  const kimchi = aDish('김치찌개', 9_000);
  const bulgogi = aDish('불고기', 15_000);

  test('count and total of what can be ordered, at the menu’s current prices', () => {
    const repriced = { ...kimchi, price: 10_000, name: '김치찌개 (대)' };
    const review = reviewCart([lineOf(kimchi, 2), lineOf(bulgogi)], menusOf(repriced, bulgogi));
    expect(review.count).toBe(3);
    expect(review.total).toBe(2 * 10_000 + 15_000);
    expect(review.lines[0]).toMatchObject({ name: '김치찌개 (대)', price: 10_000, problem: null });
    expect(review.unavailable).toEqual([]);
  });

  test('a sold-out dish stays in the cart, marked, and out of the count and total', () => {
    const soldOut = { ...bulgogi, isAvailable: false };
    const review = reviewCart([lineOf(kimchi), lineOf(bulgogi, 2)], menusOf(kimchi, soldOut));
    expect(review.lines.map((l) => l.problem)).toEqual([null, 'sold-out']);
    expect(review.count).toBe(1);
    expect(review.total).toBe(9_000);
    expect(review.unavailable.map((l) => l.menuId)).toEqual([bulgogi.id]);
  });

  test('a dish gone from the menu keeps the name and price it had, marked gone, and counts for nothing', () => {
    const review = reviewCart([lineOf(kimchi), lineOf(bulgogi)], menusOf(kimchi));
    expect(review.lines[1]).toMatchObject({ name: '불고기', price: 15_000, problem: 'gone' });
    expect(review.total).toBe(9_000);
    expect(review.count).toBe(1);
  });

  test('shows each line with the menu’s card-sized picture, or the one it had', () => {
    const pictured = {
      ...kimchi,
      imageUrl: '/uploads/menus/k/a-detail.webp',
      imageUrls: { card: '/uploads/menus/k/a-card.webp', detail: '/uploads/menus/k/a-detail.webp' },
    };
    const older = { ...bulgogi, imageUrl: '/uploads/menus/b/old.jpg', imageUrls: null };
    const kept = { ...lineOf(kimchi), imageUrl: '/uploads/menus/k/kept-card.webp' };
    const review = reviewCart([kept, lineOf(bulgogi)], menusOf(pictured, older));
    expect(review.lines.map((l) => l.imageUrl)).toEqual(['/uploads/menus/k/a-card.webp', '/uploads/menus/b/old.jpg']);
    expect(reviewCart([kept], null).lines[0]?.imageUrl).toBe('/uploads/menus/k/kept-card.webp');
  });

  test('without a loaded menu, lines are taken as they are', () => {
    const review = reviewCart([lineOf(kimchi, 2), lineOf(bulgogi)], null);
    expect(review.lines.every((l) => l.problem === null)).toBe(true);
    expect(review.total).toBe(33_000);
    expect(review.count).toBe(3);
  });

  test('an empty cart', () => {
    expect(reviewCart([], menusOf(kimchi))).toEqual({ lines: [], total: 0, count: 0, unavailable: [] });
  });

  test('prices a line with options from the menu now, and marks a sold-out or removed option', () => {
    const option = (id: string, price: number, isAvailable = true) => ({
      id,
      name: id,
      price,
      isAvailable,
      sortOrder: 0,
      translations: {},
    });
    const group = (options: ReturnType<typeof option>[]) => ({
      id: 'extras',
      name: '사리 추가',
      minSelect: 0,
      maxSelect: 3,
      sortOrder: 0,
      translations: {},
      options,
    });
    const line = { ...lineOf(kimchi, 2), key: 'k', optionIds: ['ramen', 'cheese'], price: 11_000 };
    const menu = (options: ReturnType<typeof option>[]) =>
      new Map([[kimchi.id, { ...kimchi, optionGroups: [group(options)] }]]);

    const fresh = reviewCart([line], menu([option('ramen', 1_000), option('cheese', 2_000)]));
    expect(fresh.lines[0]).toMatchObject({ price: 12_000, problem: null });
    expect(fresh.total).toBe(24_000);
    expect(fresh.lines[0]?.options.map((o) => o.name)).toEqual(['ramen', 'cheese']);

    const soldOut = reviewCart([line], menu([option('ramen', 1_000), option('cheese', 2_000, false)]));
    expect(soldOut.lines[0]?.problem).toBe('sold-out');
    expect(soldOut.total).toBe(0);

    const removed = reviewCart([line], menu([option('ramen', 1_000)]));
    expect(removed.lines[0]?.problem).toBe('gone');
  });
});
