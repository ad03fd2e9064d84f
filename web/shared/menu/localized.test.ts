import { describe, expect, it } from 'vitest';
import { asLanguage, localized, localizedName } from './localized';

describe('localized', () => {
  const dish = {
    name: '김치찌개',
    description: '묵은지로 끓인 찌개',
    translations: { en: { name: 'Kimchi stew' }, ja: { name: 'キムチチゲ', description: '熟成キムチのチゲ' } },
  };

  it('falls back to Korean field by field', () => {
    expect(localized(dish, 'en')).toEqual({ name: 'Kimchi stew', description: '묵은지로 끓인 찌개' });
    expect(localized(dish, 'ja')).toEqual({ name: 'キムチチゲ', description: '熟成キムチのチゲ' });
    expect(localized(dish, 'zh')).toEqual({ name: '김치찌개', description: '묵은지로 끓인 찌개' });
    expect(localized(dish, 'ko').name).toBe('김치찌개');
  });

  it('reads region tags and refuses unknown languages', () => {
    expect(asLanguage('en-US')).toBe('en');
    expect(asLanguage('zh-CN')).toBe('zh');
    expect(asLanguage('fr')).toBe('ko');
    expect(asLanguage(undefined)).toBe('ko');
    expect(localizedName({ name: '물', translations: { en: { name: '  ' } } }, 'en')).toBe('물');
  });
});
