import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { menus } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const MENUS = '/api/v1/admin/menus';

async function liveMenuCount(storeId: string): Promise<number> {
  const res = await t.api.get(MENUS, { token: (await f.admin(storeId)).token });
  return res.body.menus.length;
}

async function eventTypes(storeId: string): Promise<string[]> {
  return (await t.app.events.readAfter(storeId, 0)).map((e) => e.type);
}

describe('menu validation (docs/API.md, "Conventions")', () => {
  it.each([
    ['negative', -1],
    ['fractional', 1500.5],
    ['above 1,000,000', 1_000_001],
    ['huge', 1e15],
    ['a numeric string', '1000'],
    ['null', null],
    ['an object', { amount: 1000 }],
  ])('rejects a %s price with 400 VALIDATION_FAILED and creates nothing', async (_label, price) => {
    const w = await f.world();
    const res = await t.api.post(MENUS, { categoryId: w.category.id, name: '냉면', price }, { token: w.owner.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.fields.map((x: { path: string }) => x.path)).toContain('body.price');
    expect(await liveMenuCount(w.store.id)).toBe(3);
  });

  it('rejects a bad price on update and leaves the dish as it was', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    for (const price of [-500, 9000.1, 2_000_000, '9000']) {
      const res = await t.api.patch(`${MENUS}/${dish.id}`, { price }, { token: w.owner.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, dish.id));
    expect(row?.price).toBe(9_000);
  });

  it('accepts the bounds of price and name, trimming the name', async () => {
    const w = await f.world();
    const free = await t.api.post(
      MENUS,
      { categoryId: w.category.id, name: '  공기밥  ', price: 0 },
      { token: w.owner.token },
    );
    expect(free.status).toBe(201);
    expect(free.body).toMatchObject({ name: '공기밥', price: 0, description: '', imageUrl: null, isAvailable: true });
    const top = await t.api.post(
      MENUS,
      { categoryId: w.category.id, name: '가'.repeat(60), price: 1_000_000, description: 'd'.repeat(500) },
      { token: w.owner.token },
    );
    expect(top.status).toBe(201);
    expect(top.body.price).toBe(1_000_000);
  });

  it.each([
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a 61-character name', { name: '가'.repeat(61) }],
    ['a 501-character description', { description: 'x'.repeat(501) }],
    ['no price', { price: undefined }],
    ['a category id that is not a UUID', { categoryId: 'kitchen' }],
  ])('rejects %s with 400', async (_label, change) => {
    const w = await f.world();
    const body = { categoryId: w.category.id, name: '냉면', price: 9000, ...change };
    const res = await t.api.post(MENUS, body, { token: w.owner.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await liveMenuCount(w.store.id)).toBe(3);
  });

  it("answers another store's category like an unknown one: 400 naming categoryId", async () => {
    const w = await f.world();
    const other = await f.world();
    for (const categoryId of [other.category.id, '00000000-0000-4000-8000-000000000000']) {
      const created = await t.api.post(MENUS, { categoryId, name: '냉면', price: 9000 }, { token: w.owner.token });
      expect(created.status).toBe(400);
      expect(created.body.error.code).toBe('VALIDATION_FAILED');
      expect(created.body.error.details.fields[0].path).toBe('body.categoryId');
      const moved = await t.api.patch(`${MENUS}/${w.kimchi.id}`, { categoryId }, { token: w.owner.token });
      expect(moved.status).toBe(400);
      expect(moved.body.error.details.fields[0].path).toBe('body.categoryId');
      const listed = await t.api.get(`${MENUS}?categoryId=${categoryId}`, { token: w.owner.token });
      expect(listed.status).toBe(400);
    }
    expect(await liveMenuCount(other.store.id)).toBe(3);
  });
});

describe('menu CRUD', () => {
  it('creates, lists in display order, updates, moves and soft-deletes a dish, each emitting menu.updated', async () => {
    const w = await f.world();
    const token = w.manager.token;
    const drinks = await f.category(w.store.id, { name: '음료', sortOrder: 5 });
    const before = (await eventTypes(w.store.id)).length;

    const created = await t.api.post(
      MENUS,
      { categoryId: w.category.id, name: '잡채', price: 11_000, description: '당면과 채소' },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ categoryId: w.category.id, sortOrder: 3, isAvailable: true });

    const list = await t.api.get(MENUS, { token });
    expect(list.status).toBe(200);
    expect(list.body.menus.map((m: { name: string }) => m.name)).toEqual(['김치찌개', '불고기', '군만두', '잡채']);

    const patched = await t.api.patch(
      `${MENUS}/${created.body.id}`,
      { name: '잡채밥', price: 12_000, isAvailable: false },
      { token },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: '잡채밥',
      price: 12_000,
      isAvailable: false,
      description: '당면과 채소',
    });

    const moved = await t.api.patch(`${MENUS}/${created.body.id}`, { categoryId: drinks.id }, { token });
    expect(moved.body).toMatchObject({ categoryId: drinks.id, sortOrder: 0 });
    const ofDrinks = await t.api.get(`${MENUS}?categoryId=${drinks.id}`, { token });
    expect(ofDrinks.body.menus.map((m: { id: string }) => m.id)).toEqual([created.body.id]);

    const deleted = await t.api.delete(`${MENUS}/${created.body.id}`, { token });
    expect(deleted.status).toBe(204);
    const after = await t.api.get(MENUS, { token });
    expect(after.body.menus.map((m: { id: string }) => m.id)).not.toContain(created.body.id);
    // The row stays for the record.
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, created.body.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(row?.name).toBe('잡채밥');

    expect((await t.api.delete(`${MENUS}/${created.body.id}`, { token })).status).toBe(404);
    expect((await t.api.patch(`${MENUS}/${created.body.id}`, { price: 1 }, { token })).status).toBe(404);
    expect((await eventTypes(w.store.id)).slice(before)).toEqual(Array(4).fill('menu.updated'));
  });

  it('rejects an empty update', async () => {
    const w = await f.world();
    const res = await t.api.patch(`${MENUS}/${w.kimchi.id}`, {}, { token: w.owner.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('reorder', () => {
  const ORDER = `${MENUS}/order`;

  async function namesOf(categoryId: string, token: string): Promise<string[]> {
    const res = await t.api.get(`${MENUS}?categoryId=${categoryId}`, { token });
    return res.body.menus.map((m: { name: string }) => m.name);
  }

  it("sets the category's order from the ids, on the admin list and the table menu", async () => {
    const w = await f.world();
    const [kimchi, bulgogi, mandu] = w.menus.map((m) => m.id) as [string, string, string];
    const res = await t.api.put(
      ORDER,
      { categoryId: w.category.id, menuIds: [mandu, kimchi, bulgogi] },
      { token: w.owner.token },
    );
    expect(res.status).toBe(204);
    expect(await namesOf(w.category.id, w.owner.token)).toEqual(['군만두', '김치찌개', '불고기']);
    const table = await t.api.get('/api/v1/table/menu', { token: w.table1.token });
    expect(
      table.body.categories[0].menus.map((m: { name: string; sortOrder: number }) => [m.name, m.sortOrder]),
    ).toEqual([
      ['군만두', 0],
      ['김치찌개', 1],
      ['불고기', 2],
    ]);
  });

  it('answers 400 unless the ids are exactly the category’s live dishes, each once, and changes nothing', async () => {
    const w = await f.world();
    const other = await f.world();
    const side = await f.category(w.store.id, { name: '사이드' });
    const sideDish = await f.menu(w.store.id, side.id, { name: '계란찜' });
    const [kimchi, bulgogi, mandu] = w.menus.map((m) => m.id) as [string, string, string];
    const deleted = await f.menu(w.store.id, w.category.id, { name: '지운 메뉴' });
    await t.api.delete(`${MENUS}/${deleted.id}`, { token: w.owner.token });

    const bad: Array<[string, string[]]> = [
      ['one missing', [kimchi, bulgogi]],
      ['a duplicate', [kimchi, bulgogi, mandu, kimchi]],
      ['a duplicate instead of one', [kimchi, kimchi, mandu]],
      ["another category's dish", [kimchi, bulgogi, mandu, sideDish.id]],
      ["another store's dish", [kimchi, bulgogi, mandu, other.kimchi.id]],
      ['a deleted dish', [kimchi, bulgogi, mandu, deleted.id]],
      ['an unknown id', [kimchi, bulgogi, mandu, '00000000-0000-4000-8000-000000000000']],
    ];
    for (const [label, menuIds] of bad) {
      const res = await t.api.put(ORDER, { categoryId: w.category.id, menuIds }, { token: w.owner.token });
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
    }
    const missing = await t.api.put(
      ORDER,
      { categoryId: w.category.id, menuIds: [kimchi, bulgogi] },
      { token: w.owner.token },
    );
    expect(missing.body.error.details.missing).toEqual([mandu]);

    for (const body of [
      { categoryId: other.category.id, menuIds: other.menus.map((m) => m.id) },
      { categoryId: w.category.id, menuIds: [] },
      { categoryId: w.category.id, menuIds: ['not-a-uuid'] },
      { menuIds: [kimchi, bulgogi, mandu] },
    ]) {
      const res = await t.api.put(ORDER, body, { token: w.owner.token });
      expect(res.status).toBe(400);
    }
    expect(await namesOf(w.category.id, w.owner.token)).toEqual(['김치찌개', '불고기', '군만두']);
    expect(await namesOf(other.category.id, other.owner.token)).toEqual(['김치찌개', '불고기', '군만두']);
  });
});

describe('store isolation and roles', () => {
  it("answers 404 for another store's dishes and categories, and changes nothing", async () => {
    const w = await f.world();
    const other = await f.world();
    const token = w.owner.token;
    const dish = other.kimchi.id;
    expect((await t.api.patch(`${MENUS}/${dish}`, { price: 1 }, { token })).status).toBe(404);
    expect((await t.api.delete(`${MENUS}/${dish}`, { token })).status).toBe(404);
    const cat = other.category.id;
    expect((await t.api.patch(`/api/v1/admin/categories/${cat}`, { name: '해킹' }, { token })).status).toBe(404);
    expect((await t.api.delete(`/api/v1/admin/categories/${cat}`, { token })).status).toBe(404);
    const list = await t.api.get(MENUS, { token });
    expect(list.body.menus.map((m: { id: string }) => m.id)).not.toContain(dish);

    const [row] = await t.app.db
      .select()
      .from(menus)
      .where(and(eq(menus.id, dish)));
    expect(row).toMatchObject({ price: 9_000, deletedAt: null });
    const categories = await t.api.get('/api/v1/admin/categories', { token: other.owner.token });
    expect(categories.body.categories.map((c: { name: string }) => c.name)).toEqual(['메인']);
  });

  it('answers 403 to a table token and 401 without a token on every admin menu route', async () => {
    const w = await f.world();
    const id = w.kimchi.id;
    const table = w.table1.token;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', MENUS],
      ['POST', MENUS, { categoryId: w.category.id, name: '냉면', price: 9000 }],
      ['PATCH', `${MENUS}/${id}`, { isAvailable: false }],
      ['DELETE', `${MENUS}/${id}`],
      ['PUT', `${MENUS}/order`, { categoryId: w.category.id, menuIds: w.menus.map((m) => m.id) }],
      ['GET', '/api/v1/admin/categories'],
      ['POST', '/api/v1/admin/categories', { name: '후식' }],
      ['PATCH', `/api/v1/admin/categories/${w.category.id}`, { name: '후식' }],
      ['DELETE', `/api/v1/admin/categories/${w.category.id}`],
    ];
    for (const [method, path, body] of calls) {
      const forbidden = await t.api.request(method, path, body, { token: table });
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(forbidden.body.error.code).toBe('FORBIDDEN');
      expect((await t.api.request(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    expect(await liveMenuCount(w.store.id)).toBe(3);
    const staffOnTable = await t.api.get('/api/v1/table/menu', { token: w.owner.token });
    expect(staffOnTable.status).toBe(403);
  });
});
