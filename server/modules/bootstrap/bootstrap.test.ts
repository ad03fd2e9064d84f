import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import {
  admins,
  menuCategories,
  menuOptionGroups,
  menus,
  optionGroups,
  options,
  stations,
  stores,
  tables,
} from '../../db/schema/index.js';
import { verifyPassword } from '../../lib/passwords.js';
import { bootstrap } from './bootstrap.service.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function counts(db: TestDatabase['db']) {
  const [s] = await db.select({ n: count() }).from(stores);
  const [a] = await db.select({ n: count() }).from(admins);
  const [t] = await db.select({ n: count() }).from(tables);
  const [c] = await db.select({ n: count() }).from(menuCategories);
  const [m] = await db.select({ n: count() }).from(menus);
  const [g] = await db.select({ n: count() }).from(optionGroups);
  const [o] = await db.select({ n: count() }).from(options);
  return { stores: s?.n, admins: a?.n, tables: t?.n, categories: c?.n, menus: m?.n, optionGroups: g?.n, options: o?.n };
}

describe('bootstrap', () => {
  it('seeds the demo store once in development, and nothing on the next start', async () => {
    database = await createTestDatabase();
    const config = testConfig();
    const first = await bootstrap(database.db, config);
    expect(first).toEqual({ superadminCreated: 'superadmin', demoSeeded: true });
    const after = await counts(database.db);
    expect(after).toEqual({ stores: 1, admins: 2, tables: 8, categories: 4, menus: 17, optionGroups: 5, options: 13 });

    const [store] = await database.db.select().from(stores).where(eq(stores.code, 'demo'));
    expect(store?.timezone).toBe('Asia/Seoul');
    const [owner] = await database.db.select().from(admins).where(eq(admins.username, 'admin'));
    expect(owner?.role).toBe('owner');
    expect(await verifyPassword('admin1234', owner?.passwordHash ?? '')).toBe(true);

    // Two stations; the drinks go to 음료, the rest to 주방 (the first).
    const stationRows = await database.db.select().from(stations).orderBy(stations.sortOrder);
    expect(stationRows.map((s) => s.name)).toEqual(['주방', '음료']);
    const routed = await database.db.select().from(menuCategories).orderBy(menuCategories.sortOrder);
    expect(routed.map((c) => [c.name, stationRows.find((s) => s.id === c.stationId)?.name ?? null])).toEqual([
      ['메인 요리', null],
      ['사이드', null],
      ['음료', '음료'],
      ['주류', '음료'],
    ]);

    // Realistic choices: 맵기 and 사리 on the stews and 떡볶이, a portion on the noodles, shots on coffee.
    const groupRows = await database.db.select().from(optionGroups);
    const offered = await database.db
      .select({ menu: menus.name, groupId: menuOptionGroups.groupId })
      .from(menuOptionGroups)
      .innerJoin(menus, eq(menus.id, menuOptionGroups.menuId))
      .orderBy(menus.name, menuOptionGroups.sortOrder);
    const groupsOf = (name: string) =>
      offered.filter((o) => o.menu === name).map((o) => groupRows.find((g) => g.id === o.groupId)?.name);
    expect(groupsOf('김치찌개')).toEqual(['맵기', '사리 추가']);
    expect(groupsOf('떡볶이')).toEqual(['맵기', '사리 추가']);
    expect(groupsOf('잔치국수')).toEqual(['양 선택']);
    expect(groupsOf('아메리카노')).toEqual(['온도', '샷 추가']);
    const large = await database.db.select().from(options).where(eq(options.name, '곱빼기'));
    expect(large.map((o) => o.price)).toEqual([2000]);
    // Every dish, category and option speaks English, Japanese and Chinese.
    const texts = [
      ...(await database.db.select().from(menus)),
      ...(await database.db.select().from(menuCategories)),
      ...groupRows,
      ...(await database.db.select().from(options)),
    ];
    for (const row of texts) {
      for (const language of ['en', 'ja', 'zh'] as const) {
        expect(row.translations[language]?.name, `${row.name} in ${language}`).toMatch(/\S/);
      }
    }

    const second = await bootstrap(database.db, config);
    expect(second).toEqual({ superadminCreated: null, demoSeeded: false });
    expect(await counts(database.db)).toEqual(after);
  });

  it('creates the configured super-admin in production and never seeds demo data', async () => {
    database = await createTestDatabase();
    const config = testConfig({
      ENVIRONMENT: 'production',
      JWT_SECRET_KEY: 'a7f3c9e1b5d24f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d',
      SUPERADMIN_USERNAME: 'ops',
      SUPERADMIN_PASSWORD: 'a-strong-password',
    });
    const result = await bootstrap(database.db, config);
    expect(result).toEqual({ superadminCreated: 'ops', demoSeeded: false });
    expect(await counts(database.db)).toMatchObject({ stores: 0, admins: 1 });
  });

  it('seeds once when two replicas start at the same moment', async () => {
    database = await createTestDatabase();
    const config = testConfig();
    const results = await Promise.all([bootstrap(database.db, config), bootstrap(database.db, config)]);
    expect(results.filter((r) => r.demoSeeded)).toHaveLength(1);
    expect(await counts(database.db)).toMatchObject({ stores: 1, admins: 2, tables: 8 });
  });
});
