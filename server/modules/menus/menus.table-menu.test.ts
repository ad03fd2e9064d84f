import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const TABLE_MENU = '/api/v1/table/menu';

describe('table menu', () => {
  it('lists categories and dishes by sortOrder then name, sold-out dishes included and marked', async () => {
    const s = await f.store();
    const table = await f.table(s.id, { number: 1 });
    const drinks = await f.category(s.id, { name: '음료', sortOrder: 2 });
    const mains = await f.category(s.id, { name: '식사', sortOrder: 1 });
    const sides = await f.category(s.id, { name: '사이드', sortOrder: 1 });
    await f.category(s.id, { name: '빈 분류', sortOrder: 0 });
    await f.menu(s.id, drinks.id, { name: '콜라', sortOrder: 0 });
    await f.menu(s.id, mains.id, { name: '비빔밥', sortOrder: 1 });
    await f.menu(s.id, mains.id, { name: '불고기', sortOrder: 1, isAvailable: false });
    await f.menu(s.id, mains.id, { name: '김치찌개', sortOrder: 0 });
    await f.menu(s.id, sides.id, { name: '계란말이', sortOrder: 0 });

    const res = await t.api.get(TABLE_MENU, { token: table.token });
    expect(res.status).toBe(200);
    // Categories tie on sortOrder 1 and fall back to their names; the empty one is left out.
    expect(
      res.body.categories.map((c: { name: string; menus: Array<{ name: string }> }) => [
        c.name,
        c.menus.map((m) => m.name),
      ]),
    ).toEqual([
      ['사이드', ['계란말이']],
      ['식사', ['김치찌개', '불고기', '비빔밥']],
      ['음료', ['콜라']],
    ]);
    const bulgogi = res.body.categories[1].menus[1];
    expect(bulgogi).toEqual({
      id: expect.any(String),
      categoryId: mains.id,
      name: '불고기',
      price: 10_000,
      description: '',
      imageUrl: null,
      imageUrls: null,
      isAvailable: false,
      sortOrder: 1,
      optionGroupIds: [],
      optionGroups: [],
      translations: {},
      allergens: [],
      badges: [],
    });
    expect(res.body.categories[1]).toMatchObject({ id: mains.id, sortOrder: 1 });
  });

  it('shows a dish marked sold out by staff, and only its own store’s menu', async () => {
    const w = await f.world();
    const other = await f.world();
    const dish = w.kimchi;
    const sold = await t.api.patch(`/api/v1/admin/menus/${dish.id}`, { isAvailable: false }, { token: w.owner.token });
    expect(sold.status).toBe(200);

    const res = await t.api.get(TABLE_MENU, { token: w.table1.token });
    const listed = res.body.categories.flatMap((c: { menus: Array<{ id: string; isAvailable: boolean }> }) => c.menus);
    expect(listed.find((m: { id: string }) => m.id === dish.id)).toMatchObject({ isAvailable: false });
    const ids = listed.map((m: { id: string }) => m.id);
    expect(ids).toHaveLength(3);
    for (const foreign of other.menus) expect(ids).not.toContain(foreign.id);

    // Back on sale.
    await t.api.patch(`/api/v1/admin/menus/${dish.id}`, { isAvailable: true }, { token: w.owner.token });
    const again = await t.api.get(TABLE_MENU, { token: w.table1.token });
    expect(again.body.categories[0].menus[0]).toMatchObject({ id: dish.id, isAvailable: true });
  });

  it('leaves deleted dishes out', async () => {
    const w = await f.world();
    await t.api.delete(`/api/v1/admin/menus/${w.bulgogi.id}`, { token: w.owner.token });
    const res = await t.api.get(TABLE_MENU, { token: w.table1.token });
    expect(res.body.categories[0].menus.map((m: { name: string }) => m.name)).toEqual(['김치찌개', '군만두']);
  });

  it('answers 401 without a token', async () => {
    expect((await t.api.get(TABLE_MENU)).status).toBe(401);
  });
});

describe('table menu ETag', () => {
  async function etagOf(token: string): Promise<string> {
    const res = await t.api.get(TABLE_MENU, { token });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    return etag as string;
  }

  it('answers 304 with no body while the menu is unchanged, weak or listed tags included', async () => {
    const w = await f.world();
    const token = w.table1.token;
    const etag = await etagOf(token);
    expect(await etagOf(w.table2.token)).toBe(etag);

    for (const header of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const res = await t.api.get(TABLE_MENU, { token, headers: { 'if-none-match': header } });
      expect(res.status, header).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
    }
    const stale = await t.api.get(TABLE_MENU, { token, headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.categories).toHaveLength(1);
    expect(stale.headers.get('cache-control')).toContain('no-cache');
  });

  it('changes after every kind of menu change, and a changed menu answers 200 to the old tag', async () => {
    const w = await f.world();
    const admin = { token: w.owner.token };
    const table = w.table1.token;
    const [kimchi, bulgogi, mandu] = w.menus.map((m) => m.id) as [string, string, string];
    let dishId = '';
    let categoryId = '';
    const changes: Array<[string, () => Promise<{ status: number }>]> = [
      ['sold out', () => t.api.patch(`/api/v1/admin/menus/${kimchi}`, { isAvailable: false }, admin)],
      ['price', () => t.api.patch(`/api/v1/admin/menus/${bulgogi}`, { price: 16_000 }, admin)],
      [
        'reorder',
        () =>
          t.api.put(
            '/api/v1/admin/menus/order',
            { categoryId: w.category.id, menuIds: [mandu, kimchi, bulgogi] },
            admin,
          ),
      ],
      [
        'new category',
        async () => {
          const res = await t.api.post('/api/v1/admin/categories', { name: '후식' }, admin);
          categoryId = res.body.id;
          return res;
        },
      ],
      [
        'new dish',
        async () => {
          const res = await t.api.post('/api/v1/admin/menus', { categoryId, name: '식혜', price: 3000 }, admin);
          dishId = res.body.id;
          return res;
        },
      ],
      ['category renamed', () => t.api.patch(`/api/v1/admin/categories/${categoryId}`, { name: '디저트' }, admin)],
      ['dish deleted', () => t.api.delete(`/api/v1/admin/menus/${dishId}`, admin)],
      ['category deleted', () => t.api.delete(`/api/v1/admin/categories/${categoryId}`, admin)],
    ];
    const seen = new Set<string>();
    let etag = await etagOf(table);
    seen.add(etag);
    for (const [label, change] of changes) {
      const res = await change();
      expect(res.status, label).toBeLessThan(300);
      const res304 = await t.api.get(TABLE_MENU, { token: table, headers: { 'if-none-match': etag } });
      expect(res304.status, label).toBe(200);
      etag = res304.headers.get('etag') as string;
      expect(seen.has(etag), label).toBe(false);
      seen.add(etag);
    }
  });

  it("is not moved by a failed change or by another store's change", async () => {
    const w = await f.world();
    const other = await f.world();
    const table = w.table1.token;
    const etag = await etagOf(table);
    await t.api.patch(`/api/v1/admin/menus/${w.kimchi.id}`, { price: -1 }, { token: w.owner.token });
    await t.api.delete(`/api/v1/admin/categories/${w.category.id}`, { token: w.owner.token });
    await t.api.patch(`/api/v1/admin/menus/${other.kimchi.id}`, { price: 1 }, { token: other.owner.token });
    const res = await t.api.get(TABLE_MENU, { token: table, headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    // Tablets of different stores never share a tag.
    expect(await etagOf(other.table1.token)).not.toBe(etag);
  });
});
