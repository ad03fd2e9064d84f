import { describe, expect, test } from 'vitest';
import type { CallReason } from '@contract/menus';
import { reasonName, reasonNames } from './reason-name';

const water: CallReason = {
  id: '6f1c1f3e-8a7e-4a51-9d6c-1f1a3c1b2a01',
  label: '물',
  sortOrder: 0,
  translations: { en: { name: 'Water' }, ja: { name: ' ' } },
};
const plates: CallReason = {
  id: '6f1c1f3e-8a7e-4a51-9d6c-1f1a3c1b2a02',
  label: '앞접시',
  sortOrder: 1,
  translations: {},
};

describe('call reasons in the guest’s language', () => {
  test('use the translation, falling back to Korean when it is missing, blank or the language unknown', () => {
    expect(reasonName(water, 'en')).toBe('Water');
    expect(reasonName(water, 'ko')).toBe('물');
    expect(reasonName(water, 'ja')).toBe('물');
    expect(reasonName(water, 'fr')).toBe('물');
    expect(reasonName(plates, 'en')).toBe('앞접시');
  });

  test('translate a call’s labels through the presets, keeping labels no preset has any more', () => {
    expect(reasonNames(['물', '앞접시', '불판 교체'], [water, plates], 'en')).toEqual(['Water', '앞접시', '불판 교체']);
  });
});
