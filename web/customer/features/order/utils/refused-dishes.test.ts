import { describe, expect, test } from 'vitest';
import { aDish, menusOf, newId } from '@customer/testing/factories';
import { idsInDetails, refusedDishNames } from './refused-dishes';

describe('idsInDetails', () => {
  test('finds ids at any depth, in arrays and objects, and nothing else', () => {
    const a = newId();
    const b = newId();
    const found = idsInDetails({ menuIds: [a], line: { menuId: b, quantity: 2 }, note: 'not-an-id', n: 3 });
    expect(found).toEqual(new Set([a, b]));
    expect(idsInDetails(null)).toEqual(new Set());
    expect(idsInDetails('plain text')).toEqual(new Set());
  });
});

describe('refusedDishNames', () => {
  const kimchi = aDish('김치찌개', 9_000);
  const bulgogi = aDish('불고기', 15_000);
  const items = [
    { menuId: kimchi.id, quantity: 1 },
    { menuId: bulgogi.id, quantity: 2 },
  ];

  test('the dishes the error names', () => {
    const names = refusedDishNames({ items, details: { menuIds: [bulgogi.id] } }, menusOf(kimchi, bulgogi), new Map());
    expect(names).toEqual(['불고기']);
  });

  test('without ids in the error, the dishes the fresh menu shows sold out', () => {
    const soldOut = { ...kimchi, isAvailable: false };
    expect(refusedDishNames({ items, details: {} }, menusOf(soldOut, bulgogi), new Map())).toEqual(['김치찌개']);
  });

  test('a dish gone from the menu is named as the cart knew it; one nobody can name is left out', () => {
    const gone = new Map([[kimchi.id, '김치찌개']]);
    const details = { menuIds: [kimchi.id, bulgogi.id] };
    expect(refusedDishNames({ items, details }, new Map(), gone)).toEqual(['김치찌개']);
  });

  test('ids of dishes not in the order are ignored, and each dish is named once', () => {
    const repeated = [...items, { menuId: kimchi.id, quantity: 3 }];
    const details = { menuIds: [kimchi.id, newId()], again: kimchi.id };
    expect(refusedDishNames({ items: repeated, details }, menusOf(kimchi, bulgogi), new Map())).toEqual(['김치찌개']);
  });
});
