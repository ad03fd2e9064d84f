import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { events, menuOptionGroups, options, orders } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const GROUPS = '/api/v1/admin/option-groups';
const MENUS = '/api/v1/admin/menus';
const TABLE_MENU = '/api/v1/table/menu';
const ORDERS = '/api/v1/table/orders';

type Group = {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: Array<{ id: string; name: string; price: number; isAvailable: boolean; sortOrder: number }>;
};

/** A world whose 김치찌개 offers 맵기 (pick 1, 매운맛 sold out) and 사리 추가 (0–2). */
async function optionWorld() {
  const w = await f.world();
  const token = w.owner.token;
  const spicy = await t.api.post<Group>(
    GROUPS,
    {
      name: '맵기',
      minSelect: 1,
      maxSelect: 1,
      translations: { ja: { name: '辛さ' } },
      options: [
        { name: '순한맛', translations: { ja: { name: '控えめ' } } },
        { name: '보통' },
        { name: '매운맛', isAvailable: false },
      ],
    },
    { token },
  );
  expect(spicy.status).toBe(201);
  const extras = await t.api.post<Group>(
    GROUPS,
    {
      name: '사리 추가',
      minSelect: 0,
      maxSelect: 2,
      sortOrder: 1,
      options: [
        { name: '라면사리', price: 1_000 },
        { name: '치즈', price: 1_500 },
        { name: '떡', price: 1_000 },
      ],
    },
    { token },
  );
  expect(extras.status).toBe(201);
  const linked = await t.api.patch(
    `${MENUS}/${w.kimchi.id}`,
    { optionGroupIds: [spicy.body.id, extras.body.id] },
    { token },
  );
  expect(linked.status).toBe(200);
  const [mild, medium, hot] = spicy.body.options;
  const [ramen, cheese, riceCake] = extras.body.options;
  return {
    ...w,
    spicy: spicy.body,
    extras: extras.body,
    mild: mild!,
    medium: medium!,
    hot: hot!,
    ramen: ramen!,
    cheese: cheese!,
    riceCake: riceCake!,
  };
}

async function menuEvents(storeId: string): Promise<number> {
  const rows = await t.app.db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.storeId, storeId), eq(events.type, 'menu.updated')));
  return rows.length;
}

async function etagOf(token: string): Promise<string> {
  const res = await t.api.get(TABLE_MENU, { token });
  expect(res.status).toBe(200);
  return res.headers.get('etag') ?? '';
}

describe('option groups', () => {
  it('are created with their options in order and listed', async () => {
    const w = await optionWorld();
    expect(w.spicy).toEqual({
      id: expect.any(String),
      name: '맵기',
      minSelect: 1,
      maxSelect: 1,
      sortOrder: 0,
      translations: { ja: { name: '辛さ' } },
      options: [
        {
          id: expect.any(String),
          name: '순한맛',
          price: 0,
          isAvailable: true,
          sortOrder: 0,
          translations: { ja: { name: '控えめ' } },
        },
        { id: expect.any(String), name: '보통', price: 0, isAvailable: true, sortOrder: 1, translations: {} },
        { id: expect.any(String), name: '매운맛', price: 0, isAvailable: false, sortOrder: 2, translations: {} },
      ],
    });
    const list = await t.api.get(GROUPS, { token: w.manager.token });
    expect(list.status).toBe(200);
    expect(list.body.optionGroups.map((g: Group) => g.name)).toEqual(['맵기', '사리 추가']);
  });

  it('PATCH replaces the options: sent ids keep their row, new ones are added, the rest removed', async () => {
    const w = await optionWorld();
    const res = await t.api.patch<Group>(
      `${GROUPS}/${w.extras.id}`,
      {
        maxSelect: 3,
        options: [
          { id: w.cheese.id, name: '모짜렐라 치즈', price: 2_000, isAvailable: false },
          { id: w.ramen.id, name: '라면사리' },
          { name: '만두', price: 1_500 },
        ],
      },
      { token: w.manager.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.maxSelect).toBe(3);
    expect(res.body.options.map((o) => [o.id, o.name, o.price, o.isAvailable, o.sortOrder])).toEqual([
      [w.cheese.id, '모짜렐라 치즈', 2_000, false, 0],
      [w.ramen.id, '라면사리', 1_000, true, 1],
      [expect.any(String), '만두', 1_500, true, 2],
    ]);
    const gone = await t.app.db.select().from(options).where(eq(options.id, w.riceCake.id));
    expect(gone).toEqual([]);
  });

  it('refuses ranges no guest could meet and ids of other groups, changing nothing', async () => {
    const w = await optionWorld();
    const token = w.manager.token;
    const cases: Array<[unknown, string]> = [
      [{ minSelect: 2, maxSelect: 1 }, 'body.maxSelect'],
      [{ minSelect: 4, maxSelect: 4 }, 'body.minSelect'],
      [{ options: [{ id: w.mild.id, name: '순한맛' }] }, 'body.options.0.id'],
      [
        {
          options: [
            { id: w.cheese.id, name: 'a' },
            { id: w.cheese.id, name: 'b' },
          ],
        },
        'body.options',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await t.api.patch(`${GROUPS}/${w.extras.id}`, body, { token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details), JSON.stringify(body)).toContain(path);
    }
    const created = await t.api.post(
      GROUPS,
      { name: '사이즈', minSelect: 2, maxSelect: 2, options: [{ name: '곱빼기' }] },
      { token },
    );
    expect(created.status).toBe(400);
    const after = await t.api.get(GROUPS, { token });
    expect(after.body.optionGroups).toEqual([w.spicy, w.extras]);
  });

  it('cannot be deleted while a live dish offers it (409 OPTION_GROUP_IN_USE), can once none does', async () => {
    const w = await optionWorld();
    const token = w.manager.token;
    const refused = await t.api.delete(`${GROUPS}/${w.spicy.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OPTION_GROUP_IN_USE');
    expect(refused.body.error.details.menus).toEqual([{ menuId: w.kimchi.id, name: '김치찌개' }]);

    // Taken off the dish: the group goes.
    expect((await t.api.patch(`${MENUS}/${w.kimchi.id}`, { optionGroupIds: [w.extras.id] }, { token })).status).toBe(
      200,
    );
    expect((await t.api.delete(`${GROUPS}/${w.spicy.id}`, { token })).status).toBe(204);
    // A deleted dish lets go of its groups.
    expect((await t.api.delete(`${MENUS}/${w.kimchi.id}`, { token })).status).toBe(204);
    expect((await t.api.delete(`${GROUPS}/${w.extras.id}`, { token })).status).toBe(204);
    expect((await t.api.get(GROUPS, { token })).body.optionGroups).toEqual([]);
    expect(await t.app.db.select().from(options).where(eq(options.storeId, w.store.id))).toEqual([]);
  });

  it("are another store's business: 404 on its groups, 400 when a dish names them", async () => {
    const a = await optionWorld();
    const b = await f.world();
    const token = b.owner.token;
    expect((await t.api.patch(`${GROUPS}/${a.spicy.id}`, { name: 'x' }, { token })).status).toBe(404);
    expect((await t.api.delete(`${GROUPS}/${a.spicy.id}`, { token })).status).toBe(404);
    expect((await t.api.get(GROUPS, { token })).body.optionGroups).toEqual([]);
    const linked = await t.api.patch(`${MENUS}/${b.kimchi.id}`, { optionGroupIds: [a.spicy.id] }, { token });
    expect(linked.status).toBe(400);
    expect(linked.body.error.details.fields).toEqual([
      { path: 'body.optionGroupIds', message: 'no such option group in this store' },
    ]);
    const created = await t.api.post(
      MENUS,
      { categoryId: b.category.id, name: '라면', price: 5_000, optionGroupIds: [a.extras.id] },
      { token },
    );
    expect(created.status).toBe(400);
    expect((await t.api.get(MENUS, { token })).body.menus.map((m: { name: string }) => m.name)).not.toContain('라면');
    // A's groups are untouched.
    expect((await t.api.get(GROUPS, { token: a.owner.token })).body.optionGroups).toEqual([a.spicy, a.extras]);
  });

  it('emit menu.updated and change the table menu ETag on every change', async () => {
    const w = await optionWorld();
    const token = w.manager.token;
    let etag = await etagOf(w.table1.token);
    let count = await menuEvents(w.store.id);
    const changes: Array<() => Promise<{ status: number }>> = [
      () => t.api.post(GROUPS, { name: '포장', options: [{ name: '포장 용기', price: 500 }] }, { token }),
      () =>
        t.api.patch(
          `${GROUPS}/${w.spicy.id}`,
          {
            options: [
              { id: w.mild.id, name: '순한맛', isAvailable: false },
              { id: w.medium.id, name: '보통' },
            ],
          },
          { token },
        ),
      () => t.api.patch(`${MENUS}/${w.kimchi.id}`, { optionGroupIds: [w.extras.id, w.spicy.id] }, { token }),
      () => t.api.patch(`${MENUS}/${w.bulgogi.id}`, { optionGroupIds: [] }, { token }),
    ];
    for (const change of changes) {
      expect((await change()).status).toBeLessThan(300);
      const next = await etagOf(w.table1.token);
      expect(next).not.toBe(etag);
      expect(await menuEvents(w.store.id)).toBe(count + 1);
      etag = next;
      count += 1;
    }
    const [spare] = (await t.api.get(GROUPS, { token })).body.optionGroups.filter((g: Group) => g.name === '포장');
    expect((await t.api.delete(`${GROUPS}/${spare.id}`, { token })).status).toBe(204);
    expect(await etagOf(w.table1.token)).not.toBe(etag);
    expect(await menuEvents(w.store.id)).toBe(count + 1);
  });
});

describe('dishes with options, translations, allergens and badges', () => {
  it('keep their groups in order, translations and the fixed codes, and show them to tablets', async () => {
    const w = await optionWorld();
    const token = w.owner.token;
    const created = await t.api.post(
      MENUS,
      {
        categoryId: w.category.id,
        name: '떡볶이',
        price: 8_000,
        description: '국물 떡볶이',
        optionGroupIds: [w.extras.id, w.spicy.id],
        translations: {
          en: { name: 'Tteokbokki', description: 'Rice cakes in a spicy broth' },
          ja: { name: 'トッポッキ' },
          zh: { name: '炒年糕' },
        },
        allergens: ['wheat', 'soybean', 'wheat'],
        badges: ['spicy', 'popular'],
      },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      optionGroupIds: [w.extras.id, w.spicy.id],
      translations: { en: { name: 'Tteokbokki', description: 'Rice cakes in a spicy broth' } },
      // Once each, in the labelling list's order.
      allergens: ['soybean', 'wheat'],
      badges: ['popular', 'spicy'],
    });
    const listed = (await t.api.get(MENUS, { token })).body.menus.find((m: { id: string }) => m.id === created.body.id);
    expect(listed).toEqual(created.body);
    expect((await t.api.get(MENUS, { token })).body.menus[0]).toMatchObject({
      name: '김치찌개',
      optionGroupIds: [w.spicy.id, w.extras.id],
    });
    const links = await t.app.db
      .select()
      .from(menuOptionGroups)
      .where(eq(menuOptionGroups.menuId, created.body.id))
      .orderBy(menuOptionGroups.sortOrder);
    expect(links.map((l) => [l.groupId, l.sortOrder])).toEqual([
      [w.extras.id, 0],
      [w.spicy.id, 1],
    ]);

    const patched = await t.api.patch(
      `${MENUS}/${created.body.id}`,
      { allergens: [], badges: ['new'], translations: { en: { name: 'Soup tteokbokki' } } },
      { token },
    );
    expect(patched.body).toMatchObject({
      allergens: [],
      badges: ['new'],
      translations: { en: { name: 'Soup tteokbokki' } },
      optionGroupIds: [w.extras.id, w.spicy.id],
    });
    expect((await t.api.patch(`${MENUS}/${created.body.id}`, { allergens: ['gluten'] }, { token })).status).toBe(400);
    expect((await t.api.patch(`${MENUS}/${created.body.id}`, { badges: ['cheap'] }, { token })).status).toBe(400);
    expect(
      (await t.api.patch(`${MENUS}/${created.body.id}`, { optionGroupIds: [w.spicy.id, w.spicy.id] }, { token }))
        .status,
    ).toBe(400);

    const menu = await t.api.get(TABLE_MENU, { token: w.table1.token });
    const dishes = menu.body.categories[0].menus;
    const kimchi = dishes.find((m: { id: string }) => m.id === w.kimchi.id);
    expect(kimchi.optionGroups).toEqual([w.spicy, w.extras]);
    // Sold-out options are shown, marked.
    expect(kimchi.optionGroups[0].options[2]).toMatchObject({ name: '매운맛', isAvailable: false });
    expect(dishes.find((m: { id: string }) => m.id === created.body.id).optionGroups.map((g: Group) => g.id)).toEqual([
      w.extras.id,
      w.spicy.id,
    ]);
    expect(dishes.find((m: { id: string }) => m.id === w.bulgogi.id).optionGroups).toEqual([]);
  });

  it('keep category translations', async () => {
    const w = await f.world();
    const created = await t.api.post(
      '/api/v1/admin/categories',
      { name: '음료', translations: { ja: { name: 'ドリンク' } } },
      { token: w.owner.token },
    );
    expect(created.body.translations).toEqual({ ja: { name: 'ドリンク' } });
    const res = await t.api.patch(
      `/api/v1/admin/categories/${w.category.id}`,
      { translations: { en: { name: 'Mains' }, zh: { name: '主菜' } } },
      { token: w.owner.token },
    );
    expect(res.status).toBe(200);
    const menu = await t.api.get(TABLE_MENU, { token: w.table1.token });
    expect(menu.body.categories[0].translations).toEqual({ en: { name: 'Mains' }, zh: { name: '主菜' } });
  });
});

describe('ordering with options', () => {
  it('prices each line as the dish plus its options and sums the order exactly', async () => {
    const w = await optionWorld();
    const res = await t.api.post(
      ORDERS,
      {
        items: [
          { menuId: w.kimchi.id, quantity: 2, optionIds: [w.cheese.id, w.medium.id, w.ramen.id], note: ' 덜 맵게 ' },
          { menuId: w.kimchi.id, quantity: 1, optionIds: [w.mild.id] },
          { menuId: w.bulgogi.id, quantity: 3 },
        ],
        note: '앞접시 주세요',
      },
      { token: w.table1.token },
    );
    expect(res.status).toBe(201);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [i.unitPrice, i.quantity, i.subtotal, i.options, i.note]),
    ).toEqual([
      [
        11_500,
        2,
        23_000,
        [
          { groupName: '맵기', name: '보통', price: 0 },
          { groupName: '사리 추가', name: '라면사리', price: 1_000 },
          { groupName: '사리 추가', name: '치즈', price: 1_500 },
        ],
        '덜 맵게',
      ],
      [9_000, 1, 9_000, [{ groupName: '맵기', name: '순한맛', price: 0 }], null],
      [15_000, 3, 45_000, [], null],
    ]);
    expect(res.body.totalAmount).toBe(23_000 + 9_000 + 45_000);
    expect(res.body.note).toBe('앞접시 주세요');
    const dashboard = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    const table = dashboard.body.tables.find((x: { id: string }) => x.id === w.table1.id);
    expect(table.orders[0]).toEqual(res.body);
    expect(table.totalAmount).toBe(77_000);
  });

  it('refuses each broken line with 400 naming it, and a sold-out option with 409, ordering nothing', async () => {
    const w = await optionWorld();
    const other = await optionWorld();
    const line = (optionIds: string[]) => ({
      items: [
        { menuId: w.bulgogi.id, quantity: 1 },
        { menuId: w.kimchi.id, quantity: 1, optionIds },
      ],
    });
    const cases: Array<[string, unknown, number, string]> = [
      ['missing required', line([w.ramen.id]), 400, '맵기: choose 1 (chose 0)'],
      ['too many in a single choice', line([w.mild.id, w.medium.id]), 400, '맵기: choose 1 (chose 2)'],
      [
        'too many in a multiple choice',
        line([w.mild.id, w.ramen.id, w.cheese.id, w.riceCake.id]),
        400,
        '사리 추가: choose 0–2 (chose 3)',
      ],
      ['an option of another store', line([w.mild.id, other.ramen.id]), 400, 'not an option of 김치찌개'],
      [
        'an option the dish does not offer',
        { items: [{ menuId: w.bulgogi.id, quantity: 1, optionIds: [w.mild.id] }] },
        400,
        'not an option of 불고기',
      ],
      ['the same option twice', line([w.mild.id, w.ramen.id, w.ramen.id]), 400, 'lists an option twice'],
      [
        'a line note too long',
        { items: [{ menuId: w.kimchi.id, quantity: 1, optionIds: [w.mild.id], note: 'x'.repeat(101) }] },
        400,
        'note',
      ],
      [
        'an order note too long',
        { items: [{ menuId: w.kimchi.id, quantity: 1, optionIds: [w.mild.id] }], note: 'x'.repeat(201) },
        400,
        'note',
      ],
    ];
    for (const [label, body, status, message] of cases) {
      const res = await t.api.post(ORDERS, body, { token: w.table1.token });
      expect(res.status, label).toBe(status);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details), label).toContain(message);
    }
    const missing = await t.api.post(ORDERS, line([w.ramen.id]), { token: w.table1.token });
    expect(missing.body.error.details.fields[0].path).toBe('body.items.1.optionIds');

    const soldOut = await t.api.post(ORDERS, line([w.hot.id]), { token: w.table1.token });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.error.code).toBe('OPTION_SOLD_OUT');
    expect(soldOut.body.error.details.options).toEqual([{ menuId: w.kimchi.id, optionId: w.hot.id, name: '매운맛' }]);

    expect(await t.app.db.select().from(orders).where(eq(orders.storeId, w.store.id))).toEqual([]);
  });

  it('refuses an option sold out after the menu was read, and takes it once it is back', async () => {
    const w = await optionWorld();
    const body = { items: [{ menuId: w.kimchi.id, quantity: 1, optionIds: [w.medium.id, w.cheese.id] }] };
    const soldOut = await t.api.patch(
      `${GROUPS}/${w.extras.id}`,
      {
        options: [
          { id: w.ramen.id, name: '라면사리' },
          { id: w.cheese.id, name: '치즈', isAvailable: false },
        ],
      },
      { token: w.manager.token },
    );
    expect(soldOut.status).toBe(200);
    const refused = await t.api.post(ORDERS, body, { token: w.table1.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OPTION_SOLD_OUT');
    await t.api.patch(
      `${GROUPS}/${w.extras.id}`,
      {
        options: [
          { id: w.ramen.id, name: '라면사리' },
          { id: w.cheese.id, name: '치즈', isAvailable: true, price: 2_000 },
        ],
      },
      { token: w.manager.token },
    );
    const placed = await t.api.post(ORDERS, body, { token: w.table1.token });
    expect(placed.status).toBe(201);
    expect(placed.body.totalAmount).toBe(9_000 + 2_000);
  });

  it('replays an idempotent order whose options come in another order, refuses other options or notes (409)', async () => {
    const w = await optionWorld();
    const headers = { 'idempotency-key': `opt-${randomUUID()}` };
    const token = w.table1.token;
    const body = {
      items: [{ menuId: w.kimchi.id, quantity: 1, optionIds: [w.mild.id, w.ramen.id], note: '덜 맵게' }],
      note: '빨리 주세요',
    };
    const first = await t.api.post(ORDERS, body, { token, headers });
    expect(first.status).toBe(201);
    const replay = await t.api.post(
      ORDERS,
      { ...body, items: [{ ...body.items[0], optionIds: [w.ramen.id, w.mild.id], note: ' 덜 맵게' }] },
      { token, headers },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);
    const variants = [
      { ...body, items: [{ ...body.items[0], optionIds: [w.mild.id, w.cheese.id] }] },
      { ...body, items: [{ ...body.items[0], optionIds: [w.mild.id] }] },
      { ...body, items: [{ ...body.items[0], note: '맵게' }] },
      { ...body, note: '천천히 주세요' },
    ];
    for (const variant of variants) {
      const res = await t.api.post(ORDERS, variant, { token, headers });
      expect(res.status, JSON.stringify(variant)).toBe(409);
      expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(await t.app.db.select({ id: orders.id }).from(orders).where(eq(orders.storeId, w.store.id))).toEqual([
      { id: first.body.id },
    ]);
  });

  it('prices shared cart lines with options as orders do, options in the dish order, the same choice adding up', async () => {
    const w = await optionWorld();
    const token = w.table1.token;
    const first = await t.api.post(
      '/api/v1/table/cart/items',
      { menuId: w.kimchi.id, quantity: 1, optionIds: [w.cheese.id, w.ramen.id, w.medium.id], note: '덜 맵게' },
      { token },
    );
    expect(first.status).toBeLessThan(300);
    const again = await t.api.post(
      '/api/v1/table/cart/items',
      { menuId: w.kimchi.id, quantity: 2, optionIds: [w.medium.id, w.ramen.id, w.cheese.id], note: ' 덜 맵게 ' },
      { token },
    );
    const other = await t.api.post(
      '/api/v1/table/cart/items',
      { menuId: w.kimchi.id, quantity: 1, optionIds: [w.mild.id] },
      { token },
    );
    expect(other.status).toBeLessThan(300);
    const cart = other.body;
    expect(again.body.items).toHaveLength(1);
    expect(
      cart.items.map(
        (i: { quantity: number; unitPrice: number; options: Array<{ name: string }>; note: string | null }) => [
          i.quantity,
          i.unitPrice,
          i.options.map((o) => o.name),
          i.note,
        ],
      ),
    ).toEqual([
      [3, 11_500, ['보통', '라면사리', '치즈'], '덜 맵게'],
      [1, 9_000, ['순한맛'], null],
    ]);
    expect(cart.totalAmount).toBe(3 * 11_500 + 9_000);
  });
});
