import { describe, expect, it } from 'vitest';
import type { OptionGroup } from '@contract/menus';
import {
  chooserGroups,
  chosenOptions,
  emptySelection,
  groupStatus,
  isComplete,
  lineKey,
  pruneSelection,
  selectedOptionIds,
  toggleOption,
  unitPrice,
} from './chooser-state';

const option = (id: string, price = 0, isAvailable = true, sortOrder = 0) => ({
  id,
  name: id,
  price,
  isAvailable,
  sortOrder,
  translations: {},
});

const spicy: OptionGroup = {
  id: 'spicy',
  name: '맵기',
  minSelect: 1,
  maxSelect: 1,
  sortOrder: 0,
  translations: {},
  options: [option('mild', 0, true, 0), option('medium', 0, true, 1), option('hot', 0, false, 2)],
};
const extras: OptionGroup = {
  id: 'extras',
  name: '사리 추가',
  minSelect: 0,
  maxSelect: 2,
  sortOrder: 1,
  translations: {},
  options: [option('cheese', 1500, true, 1), option('ramen', 1000, true, 0), option('rice-cake', 1000, true, 2)],
};

describe('chooser state', () => {
  it('puts required groups first and keeps the dish order otherwise', () => {
    expect(chooserGroups([extras, spicy]).map((g) => g.id)).toEqual(['spicy', 'extras']);
    expect(chooserGroups([extras, spicy])[1]?.options.map((o) => o.id)).toEqual(['ramen', 'cheese', 'rice-cake']);
  });

  it('is complete only once every required group is answered', () => {
    const groups = chooserGroups([extras, spicy]);
    let s = emptySelection();
    expect(isComplete(groups, s)).toBe(false);
    expect(groupStatus(spicy, s)).toMatchObject({ count: 0, complete: false, missing: 1 });
    s = toggleOption(s, spicy, 'mild');
    expect(isComplete(groups, s)).toBe(true);
  });

  it('replaces a single choice and keeps a required one chosen when tapped again', () => {
    let s = toggleOption(emptySelection(), spicy, 'mild');
    s = toggleOption(s, spicy, 'medium');
    expect(s.spicy).toEqual(['medium']);
    expect(toggleOption(s, spicy, 'medium')).toBe(s);
  });

  it('clears an optional single choice tapped again', () => {
    const size = { ...spicy, id: 'size', minSelect: 0 };
    const s = toggleOption(toggleOption(emptySelection(), size, 'mild'), size, 'mild');
    expect(s.size).toEqual([]);
  });

  it('refuses sold-out and unknown options', () => {
    const s = emptySelection();
    expect(toggleOption(s, spicy, 'hot')).toBe(s);
    expect(toggleOption(s, spicy, 'nope')).toBe(s);
  });

  it('toggles multiple choices up to maxSelect and no further', () => {
    let s = toggleOption(emptySelection(), extras, 'cheese');
    s = toggleOption(s, extras, 'ramen');
    expect(groupStatus(extras, s)).toMatchObject({ count: 2, full: true, complete: true });
    expect(toggleOption(s, extras, 'rice-cake')).toBe(s);
    s = toggleOption(s, extras, 'cheese');
    expect(s.extras).toEqual(['ramen']);
  });

  it('prices the dish plus each chosen option, in group then option order', () => {
    const groups = chooserGroups([spicy, extras]);
    let s = toggleOption(emptySelection(), spicy, 'medium');
    s = toggleOption(s, extras, 'cheese');
    s = toggleOption(s, extras, 'ramen');
    expect(unitPrice(9000, groups, s)).toBe(11_500);
    expect(selectedOptionIds(groups, s)).toEqual(['medium', 'ramen', 'cheese']);
    expect(chosenOptions(groups, s).map((o) => `${o.groupName}:${o.name}:${o.price}`)).toEqual([
      '맵기:medium:0',
      '사리 추가:ramen:1000',
      '사리 추가:cheese:1500',
    ]);
  });

  it('drops choices that went sold out, making a required group incomplete again', () => {
    const s = toggleOption(emptySelection(), spicy, 'mild');
    const soldOut = {
      ...spicy,
      options: spicy.options.map((o) => (o.id === 'mild' ? { ...o, isAvailable: false } : o)),
    };
    const pruned = pruneSelection([soldOut], s);
    expect(pruned).toEqual({});
    expect(isComplete([soldOut], s)).toBe(false);
  });

  it('keys lines by dish, option set and trimmed note', () => {
    const a = lineKey({ menuId: 'M', optionIds: ['b', 'a'], note: ' 덜 맵게 ' });
    expect(a).toBe(lineKey({ menuId: 'm', optionIds: ['A', 'B'], note: '덜 맵게' }));
    expect(a).not.toBe(lineKey({ menuId: 'm', optionIds: ['a'], note: '덜 맵게' }));
    expect(lineKey({ menuId: 'm' })).toBe(lineKey({ menuId: 'm', optionIds: [], note: '  ' }));
    expect(lineKey({ menuId: 'm' })).not.toBe(lineKey({ menuId: 'm', note: '포장' }));
  });
});
