import { describe, expect, test } from 'vitest';
import { en as adminEn } from '@admin/i18n/en';
import { ko as adminKo } from '@admin/i18n/ko';
import { en as customerEn } from '@customer/i18n/en';
import { ja as customerJa } from '@customer/i18n/ja';
import { ko as customerKo } from '@customer/i18n/ko';
import { zh as customerZh } from '@customer/i18n/zh';
import { en as commonEn } from '@shared/i18n/en';
import { ja as commonJa } from '@shared/i18n/ja';
import { ko as commonKo } from '@shared/i18n/ko';
import { zh as commonZh } from '@shared/i18n/zh';
import { en as superadminEn } from '@superadmin/i18n/en';
import { ko as superadminKo } from '@superadmin/i18n/ko';

/** i18next's plural forms (`count_one`) stand for their key: English has them, Korean does not. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every leaf key of a resource, dotted (`menu.addToCart`), with its `{{placeholders}}`. */
function leaves(resource: unknown, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (typeof resource === 'string') {
    const vars = [...resource.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string);
    found.set(prefix.replace(pluralSuffix, ''), vars);
    return found;
  }
  if (resource && typeof resource === 'object') {
    for (const [key, value] of Object.entries(resource)) {
      for (const [path, vars] of leaves(value, prefix ? `${prefix}.${key}` : key)) {
        // A plural form may leave out {{count}} ("1 order"): the key's forms together must use them all.
        found.set(path, [...new Set([...(found.get(path) ?? []), ...vars])].sort());
      }
    }
  }
  return found;
}

/** What `other` lacks, has extra, leaves empty, or words with other placeholders than Korean. */
function differences(korean: unknown, other: unknown): string[] {
  const want = leaves(korean);
  const have = leaves(other);
  const problems: string[] = [];
  for (const [key, vars] of want) {
    const theirs = have.get(key);
    if (theirs === undefined) problems.push(`missing ${key}`);
    else if (theirs.join() !== vars.join()) problems.push(`placeholders of ${key}: ${theirs} instead of ${vars}`);
  }
  for (const key of have.keys()) if (!want.has(key)) problems.push(`extra ${key}`);
  const koreanTexts = flatTexts(korean);
  for (const [key, text] of Object.entries(flatTexts(other))) {
    // Deliberately blank in Korean too (a level without a label) is not a missing translation.
    if (text.trim() === '' && koreanTexts[key]?.trim() !== '') problems.push(`empty ${key}`);
  }
  return problems;
}

function flatTexts(resource: unknown, prefix = ''): Record<string, string> {
  if (typeof resource === 'string') return { [prefix]: resource };
  const out: Record<string, string> = {};
  if (resource && typeof resource === 'object') {
    for (const [key, value] of Object.entries(resource)) {
      Object.assign(out, flatTexts(value, prefix ? `${prefix}.${key}` : key));
    }
  }
  return out;
}

describe('every UI string exists in every language its app speaks', () => {
  test.each([
    ['common (guests)', 'en', commonEn],
    ['common (guests)', 'ja', commonJa],
    ['common (guests)', 'zh', commonZh],
    ['customer', 'en', customerEn],
    ['customer', 'ja', customerJa],
    ['customer', 'zh', customerZh],
  ] as const)('%s in %s', (_app, _language, resource) => {
    const korean = _app === 'customer' ? customerKo : commonKo;
    expect(differences(korean, resource)).toEqual([]);
  });

  test.each([
    ['admin', adminKo, adminEn],
    ['superadmin', superadminKo, superadminEn],
  ] as const)('%s in en', (_app, korean, english) => {
    expect(differences(korean, english)).toEqual([]);
  });

  test('the check itself notices a missing key, an extra key and a lost placeholder', () => {
    const korean = { a: { b: '{{n}}개', c: '다' } };
    expect(differences(korean, { a: { b: '{{n}} items' } })).toEqual(['missing a.c']);
    expect(differences(korean, { a: { b: '{{n}}', c: 'x', d: 'y' } })).toEqual(['extra a.d']);
    expect(differences(korean, { a: { b: 'items', c: 'x' } })).toEqual(['placeholders of a.b:  instead of n']);
    expect(differences(korean, { a: { b: '{{n}}', c: ' ' } })).toEqual(['empty a.c']);
  });
});
