import { describe, expect, it } from 'vitest';
import { equalShares, itemsShare } from './split';

describe('equal shares', () => {
  it('puts the remainder on the last share', () => {
    expect(equalShares(50_000, 3)).toEqual([16_666, 16_666, 16_668]);
    expect(equalShares(50_000, 3).reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(equalShares(10_000, 4)).toEqual([2_500, 2_500, 2_500, 2_500]);
    expect(equalShares(7, 2)).toEqual([3, 4]);
  });

  it('never makes a share of 0 or splits nothing', () => {
    expect(equalShares(2, 5)).toEqual([2]);
    expect(equalShares(0, 3)).toEqual([]);
    expect(equalShares(-1_000, 3)).toEqual([]);
    expect(equalShares(9_000, 0)).toEqual([9_000]);
  });
});

describe('items share', () => {
  it('adds what one person had', () => {
    expect(
      itemsShare([
        { unitPrice: 9_000, quantity: 2 },
        { unitPrice: 15_000, quantity: 1 },
      ]),
    ).toBe(33_000);
    expect(itemsShare([])).toBe(0);
  });
});
