import { describe, expect, it } from 'vitest';
import { itemText, optionsText } from './item-text';

describe('itemText', () => {
  it('names the dish, its options, the quantity and the note', () => {
    const item = {
      name: '김치찌개',
      quantity: 2,
      options: [
        { groupName: '맵기', name: '보통', price: 0 },
        { groupName: '사리 추가', name: '라면사리', price: 1_000 },
      ],
      note: '덜 맵게',
    };
    expect(itemText(item)).toBe('김치찌개(보통, 라면사리) ×2 “덜 맵게”');
    expect(optionsText(item)).toBe('보통, 라면사리');
    expect(itemText({ name: '콜라', quantity: 1, options: [], note: null })).toBe('콜라');
    expect(itemText({ name: '콜라', quantity: 1, options: [], note: null }, { alwaysCount: true })).toBe('콜라 × 1');
  });
});
