import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayText } from '../contract/text.js';
import { menuCategories as categories, menus, stores } from '../server/db/schema/index.js';
import { startTestApp, type TestApp } from './app.js';
import { factories } from './factories.js';

// Names people read on tablets, dashboards and tickets: one made only of invisible characters
// shows as an empty card, one with a direction override reads backwards on every screen after it.

const INVISIBLE_ONLY = [
  '\u200b\u200b', // zero-width spaces
  '\u3164\u3164', // Hangul fillers
  '\u2800', // braille blank
  ' \u00a0\u200d\ufeff ', // spaces, joiner, byte-order mark
  '\u115f\u1160',
];
const DIRECTION = ['\u202e찌개치김', '김치\u2066찌개', 'abc\u202adef', '\u200f\u202e'];

describe('displayText', () => {
  const name = displayText(1, 60);
  it('refuses text made only of invisible characters, and direction overrides anywhere', () => {
    for (const value of [...INVISIBLE_ONLY, ...DIRECTION]) {
      expect(name.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });

  it('keeps ordinary names, Korean, emoji and joiners inside visible text', () => {
    for (const value of ['김치찌개', 'Kimchi stew', '🍜 라면', '👨‍👩‍👧 세트', 'A\u200bB']) {
      expect(name.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
    expect(name.parse('  불고기  ')).toBe('불고기');
  });
});

describe('names through the API', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.app);
  });
  afterAll(() => t.close());

  it('refuses invisible and direction-overriding names of stores, categories, dishes and stations with 400, changing nothing', async () => {
    const w = await f.world();
    const root = await f.superadmin();
    const owner = { token: w.owner.token };
    for (const bad of [...INVISIBLE_ONLY, ...DIRECTION]) {
      const label = JSON.stringify(bad);
      const attempts = [
        t.api.post('/api/v1/superadmin/stores', { code: 'bidi-store', name: bad }, { token: root.token }),
        t.api.patch(`/api/v1/superadmin/stores/${w.store.id}`, { name: bad }, { token: root.token }),
        t.api.post('/api/v1/admin/categories', { name: bad }, owner),
        t.api.patch(`/api/v1/admin/categories/${w.category.id}`, { name: bad }, owner),
        t.api.post('/api/v1/admin/menus', { categoryId: w.category.id, name: bad, price: 1000 }, owner),
        t.api.patch(`/api/v1/admin/menus/${w.kimchi.id}`, { name: bad }, owner),
        t.api.patch(`/api/v1/admin/menus/${w.kimchi.id}`, { translations: { en: { name: bad } } }, owner),
        t.api.post('/api/v1/admin/stations', { name: bad }, owner),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
    }
    const [store] = await t.app.db.select().from(stores).where(eq(stores.id, w.store.id));
    expect(store?.name).toBe(w.store.name);
    const [category] = await t.app.db.select().from(categories).where(eq(categories.id, w.category.id));
    expect(category?.name).toBe('메인');
    const dishes = await t.app.db.select().from(menus).where(eq(menus.storeId, w.store.id));
    expect(dishes.map((d) => d.name).sort()).toEqual(['군만두', '김치찌개', '불고기']);
    expect(dishes.find((d) => d.id === w.kimchi.id)?.translations).toEqual({});
    expect((await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type !== 'access.revoked')).toEqual([]);
  });
});
