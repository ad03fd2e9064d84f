import { describe, expect, it } from 'vitest';
import type { TableMenu, TableMenuItem } from '@contract/menus';
import { aDish, newId } from '@customer/testing/factories';
import { needsChoice, viewMenu } from './view-menu';

const item = (name: string, fields: Partial<TableMenuItem> = {}): TableMenuItem => ({
  ...aDish(name, 9_000),
  optionGroups: [],
  ...fields,
});

const menu: TableMenu = {
  callReasons: [],
  categories: [
    {
      id: newId(),
      name: '메인 요리',
      sortOrder: 0,
      stationId: null,
      translations: { ja: { name: 'メイン料理' } },
      menus: [
        item('김치찌개', {
          description: '김치와 돼지고기',
          allergens: ['pork', 'soybean'],
          translations: { ja: { name: 'キムチチゲ' } },
        }),
        item('비빔밥', { allergens: ['eggs'], translations: { ja: { name: 'ビビンバ', description: '混ぜご飯' } } }),
      ],
    },
    {
      id: newId(),
      name: '주류',
      sortOrder: 1,
      stationId: null,
      translations: {},
      menus: [item('맥주', { allergens: ['wheat'] })],
    },
  ],
};

describe('viewMenu', () => {
  it('shows store texts in the guest language, Korean field by field where untranslated', () => {
    const { menu: seen, hidden } = viewMenu(menu, 'ja');
    expect(hidden).toBe(0);
    expect(seen.categories.map((c) => c.name)).toEqual(['メイン料理', '주류']);
    expect(seen.categories[0]?.menus.map((m) => [m.name, m.description])).toEqual([
      ['キムチチゲ', '김치와 돼지고기'],
      ['ビビンバ', '混ぜご飯'],
    ]);
    expect(viewMenu(menu, 'ko').menu.categories[0]?.menus[0]?.name).toBe('김치찌개');
  });

  it('hides dishes with an allergen to avoid, and categories left empty', () => {
    const { menu: seen, hidden } = viewMenu(menu, 'ko', ['pork', 'wheat']);
    expect(hidden).toBe(2);
    expect(seen.categories.map((c) => [c.name, c.menus.map((m) => m.name)])).toEqual([['메인 요리', ['비빔밥']]]);
  });

  it('asks for a choice only when a group is required', () => {
    const group = { id: newId(), name: 'g', maxSelect: 1, sortOrder: 0, translations: {}, options: [] };
    expect(needsChoice(item('a', { optionGroups: [{ ...group, minSelect: 0 }] }))).toBe(false);
    expect(
      needsChoice(
        item('b', {
          optionGroups: [
            { ...group, minSelect: 0 },
            { ...group, minSelect: 1 },
          ],
        }),
      ),
    ).toBe(true);
  });
});
