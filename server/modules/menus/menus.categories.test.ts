import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { menuCategories, menus } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const CATEGORIES = '/api/v1/admin/categories';
const names = (body: { categories: Array<{ name: string }> }) => body.categories.map((c) => c.name);

describe('categories', () => {
  it('lists by sortOrder then name, and places a new category last unless told otherwise', async () => {
    const s = await f.store();
    const { token } = await f.admin(s.id, { role: 'manager' });
    await f.category(s.id, { name: '주류', sortOrder: 2 });
    await f.category(s.id, { name: '사이드', sortOrder: 1 });
    await f.category(s.id, { name: '메인', sortOrder: 1 });

    const created = await t.api.post(CATEGORIES, { name: '  디저트 ' }, { token });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: '디저트',
      sortOrder: 3,
      translations: {},
      stationId: null,
    });
    const first = await t.api.post(CATEGORIES, { name: '오늘의 추천', sortOrder: -1 }, { token });
    expect(first.body.sortOrder).toBe(-1);

    const list = await t.api.get(CATEGORIES, { token });
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(['오늘의 추천', '메인', '사이드', '주류', '디저트']);
  });

  it('renames and moves a category', async () => {
    const w = await f.world();
    const res = await t.api.patch(
      `${CATEGORIES}/${w.category.id}`,
      { name: '식사', sortOrder: 7 },
      { token: w.owner.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: w.category.id, name: '식사', sortOrder: 7, translations: {}, stationId: null });
    const events = await t.app.events.readAfter(w.store.id, 0);
    expect(events.map((e) => e.type)).toEqual(['menu.updated']);
  });

  it.each([
    ['an empty name', { name: '' }],
    ['a blank name', { name: '  ' }],
    ['a 41-character name', { name: 'x'.repeat(41) }],
    ['a fractional sortOrder', { name: '후식', sortOrder: 1.5 }],
    ['a string sortOrder', { name: '후식', sortOrder: '1' }],
  ])('rejects %s with 400', async (_label, body) => {
    const s = await f.store();
    const { token } = await f.admin(s.id);
    const res = await t.api.post(CATEGORIES, body, { token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.api.get(CATEGORIES, { token })).body.categories).toEqual([]);
  });

  it('refuses a second live category with the same name (any case), even sent twice at once', async () => {
    const w = await f.world();
    const other = await f.world();
    const token = w.manager.token;
    const twice = await Promise.all([
      t.api.post(CATEGORIES, { name: 'Desserts' }, { token }),
      t.api.post(CATEGORIES, { name: 'Desserts' }, { token }),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = twice.find((r) => r.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: 'DUPLICATE', details: { field: 'name' } });

    expect((await t.api.post(CATEGORIES, { name: 'desserts' }, { token })).status).toBe(409);
    const renamed = await t.api.patch(`${CATEGORIES}/${w.category.id}`, { name: 'DESSERTS' }, { token });
    expect(renamed.status).toBe(409);
    expect((await t.api.get(CATEGORIES, { token })).body.categories).toHaveLength(2);
    // Another store may use the name; a deleted category's name is free again.
    expect((await t.api.post(CATEGORIES, { name: 'Desserts' }, { token: other.manager.token })).status).toBe(201);
    const desserts = twice.find((r) => r.status === 201)!.body;
    expect((await t.api.delete(`${CATEGORIES}/${desserts.id}`, { token })).status).toBe(204);
    expect((await t.api.post(CATEGORIES, { name: 'Desserts' }, { token })).status).toBe(201);
  });

  it('refuses to delete a category that still has dishes (409 CATEGORY_NOT_EMPTY), sold-out ones included', async () => {
    const w = await f.world();
    const res = await t.api.delete(`${CATEGORIES}/${w.category.id}`, { token: w.owner.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CATEGORY_NOT_EMPTY');
    expect(res.body.error.details).toEqual({ menuCount: 3 });
    expect(names((await t.api.get(CATEGORIES, { token: w.owner.token })).body)).toEqual(['메인']);
  });

  it('deletes a category whose dishes were all deleted; the deleted dishes keep their row', async () => {
    const w = await f.world();
    const token = w.owner.token;
    for (const dish of w.menus)
      expect((await t.api.delete(`/api/v1/admin/menus/${dish.id}`, { token })).status).toBe(204);

    const res = await t.api.delete(`${CATEGORIES}/${w.category.id}`, { token });
    expect(res.status).toBe(204);
    expect((await t.api.get(CATEGORIES, { token })).body.categories).toEqual([]);
    const rows = await t.app.db.select().from(menus).where(eq(menus.categoryId, w.category.id));
    expect(rows).toHaveLength(3);
    const [category] = await t.app.db.select().from(menuCategories).where(eq(menuCategories.id, w.category.id));
    expect(category?.deletedAt).toBeInstanceOf(Date);

    // Gone for every purpose: no second delete, no rename, no new dish in it.
    expect((await t.api.delete(`${CATEGORIES}/${w.category.id}`, { token })).status).toBe(404);
    expect((await t.api.patch(`${CATEGORIES}/${w.category.id}`, { name: '부활' }, { token })).status).toBe(404);
    const dish = await t.api.post(
      '/api/v1/admin/menus',
      { categoryId: w.category.id, name: '냉면', price: 9000 },
      { token },
    );
    expect(dish.status).toBe(400);
  });

  it('deletes an empty category', async () => {
    const s = await f.store();
    const { token } = await f.admin(s.id);
    const c = await f.category(s.id, { name: '비어 있음' });
    expect((await t.api.delete(`${CATEGORIES}/${c.id}`, { token })).status).toBe(204);
    expect((await t.api.get(CATEGORIES, { token })).body.categories).toEqual([]);
  });
});
