import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/client.js';
import * as schema from '../../server/db/schema/index.js';
import { systemClock } from '../../server/lib/clock.js';
import { BCRYPT_COST } from '../../server/lib/passwords.js';
import { createTokenService } from '../../server/modules/auth/auth.tokens.js';
import { seedStoreDefaults } from '../../server/modules/stores/stores.defaults.js';
import type { BuildKit } from './kit.js';

export const TABLE_PASSWORD = 'bench-1234';

/** Where one engine's run keeps its data: a throwaway PostgreSQL database or PGlite folder. */
export interface Engine {
  kind: 'postgres' | 'pglite';
  label: string;
  databaseUrl: string | undefined;
  /** PostgreSQL only: the database's name, and a URL to the server for administrative queries. */
  postgres: { database: string; adminUrl: string } | null;
  redisUrl: string | undefined;
  dataDir: string;
  /** Opens the database from this process (for PGlite only while no server holds the folder). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

const cleanups = new Set<() => Promise<void>>();

/** Drops what the run created (databases, folders) when it is interrupted. */
export async function cleanUpAll(): Promise<void> {
  await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
}

function disposable(engine: Engine): Engine {
  const dispose = engine.dispose;
  const once = async () => {
    cleanups.delete(once);
    await dispose();
  };
  cleanups.add(once);
  return { ...engine, dispose: once };
}

/** This checkout's own code, for seeding and opening its databases. */
const THIS_BUILD: Omit<BuildKit, 'root'> = {
  openDatabase,
  schema,
  createTokenService,
  systemClock,
  bcryptCost: BCRYPT_COST,
  hasOptions: true,
  seedStoreDefaults,
};

/**
 * A fresh PostgreSQL database. With `kit`, the database is opened (and migrated) by that build's
 * own code, never by this checkout's.
 */
export async function postgresEngine(
  baseUrl: string,
  redisUrl: string | undefined,
  kit: Pick<BuildKit, 'openDatabase'> = THIS_BUILD,
): Promise<Engine> {
  const name = `tableorder_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-bench-'));
  return disposable({
    kind: 'postgres',
    label: redisUrl ? 'PostgreSQL+Redis' : 'PostgreSQL',
    databaseUrl: url.toString(),
    postgres: { database: name, adminUrl: baseUrl },
    redisUrl,
    dataDir,
    open: () => kit.openDatabase({ url: url.toString(), poolSize: 4 }),
    async dispose() {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function pgliteEngine(): Engine {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-bench-'));
  return disposable({
    kind: 'pglite',
    label: 'PGlite',
    databaseUrl: undefined,
    postgres: null,
    redisUrl: undefined,
    dataDir,
    // The server opens `${DATA_DIR}/pglite`.
    open: () => openDatabase({ pgliteDir: path.join(dataDir, 'pglite') }),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export async function adminQuery(baseUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export interface BenchTable {
  id: string;
  storeId: string;
  number: number;
  token: string;
}

/** A dish's choice group as seeded: `options` with their prices. */
export interface BenchOptionGroup {
  min: number;
  max: number;
  options: Array<{ id: string; price: number }>;
}

export interface BenchStore {
  id: string;
  code: string;
  staffToken: string;
  tables: BenchTable[];
  menuIds: string[];
  /** Each dish's price, to check what an order was charged. */
  prices: Record<string, number>;
  /** Dishes that offer choice groups (only when seeded `withOptions`). */
  optionGroups: Record<string, BenchOptionGroup[]>;
}

export interface World {
  stores: BenchStore[];
  secret: string;
}

/**
 * Seeds restaurants straight into the database (as the test factories do) with production-cost
 * password hashes, and signs the tokens a sign-in would hand out. `kit` is the build whose schema
 * and token format to use (default: this checkout). `withOptions`: every other dish offers two
 * choice groups (a single choice of three, and up to three extras of four). `secret` signs the
 * tokens (a new one by default); a world seeded in several calls passes the first call's.
 */
export async function seedWorld(
  engine: Engine,
  options: {
    stores: number;
    tablesPerStore: number;
    categories: number;
    dishesPerCategory: number;
    withOptions?: boolean;
    kit?: BuildKit;
    secret?: string;
  },
): Promise<World> {
  const kit = options.kit ?? THIS_BUILD;
  const { admins, menuCategories, menus, stores, tables } = kit.schema;
  if (options.withOptions && !kit.hasOptions) throw new Error('this build has no option groups');
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const tokens = kit.createTokenService({ secret, expireHours: 16, clock: kit.systemClock });
  const tableHash = await bcrypt.hash(TABLE_PASSWORD, kit.bcryptCost);
  const staffHash = await bcrypt.hash(randomBytes(12).toString('hex'), kit.bcryptCost);
  const database = await engine.open();
  const { db } = database;
  const world: World = { stores: [], secret };
  try {
    const prefix = `b${Date.now().toString(36)}${options.withOptions ? 'o' : ''}`;
    const storeRows = await db
      .insert(stores)
      .values(
        Array.from({ length: options.stores }, (_, i) => ({ code: `${prefix}-${i + 1}`, name: `Bench ${i + 1}` })),
      )
      .returning({ id: stores.id, code: stores.code });
    for (const store of storeRows) {
      // A kitchen station (every order then queues a ticket) and call presets, as the app gives a new store.
      await kit.seedStoreDefaults?.(db, store.id);
      const [owner] = await db
        .insert(admins)
        .values({ storeId: store.id, username: 'owner', passwordHash: staffHash, role: 'owner' })
        .returning({ id: admins.id, ver: admins.tokenVersion });
      if (!owner) throw new Error('owner not created');
      const tableRows = await db
        .insert(tables)
        .values(
          Array.from({ length: options.tablesPerStore }, (_, i) => ({
            storeId: store.id,
            number: i + 1,
            passwordHash: tableHash,
          })),
        )
        .returning({ id: tables.id, number: tables.number, ver: tables.tokenVersion });
      const menuIds: string[] = [];
      const prices: Record<string, number> = {};
      for (let c = 0; c < options.categories; c++) {
        const [category] = await db
          .insert(menuCategories)
          .values({ storeId: store.id, name: `분류 ${c + 1}`, sortOrder: c })
          .returning({ id: menuCategories.id });
        if (!category) throw new Error('category not created');
        const dishes = await db
          .insert(menus)
          .values(
            Array.from({ length: options.dishesPerCategory }, (_, d) => ({
              storeId: store.id,
              categoryId: category.id,
              name: `요리 ${c + 1}-${d + 1}`,
              price: 5_000 + 500 * ((c * options.dishesPerCategory + d) % 30),
              description: '벤치마크용 메뉴: 국내산 재료로 매일 아침 준비합니다.',
              sortOrder: d,
            })),
          )
          .returning({ id: menus.id, price: menus.price });
        for (const dish of dishes) {
          menuIds.push(dish.id);
          prices[dish.id] = dish.price;
        }
      }
      const optionGroups = options.withOptions ? await seedOptionGroups(db, kit, store.id, menuIds) : {};
      const staff = await tokens.sign({
        kind: 'admin',
        sub: owner.id,
        storeId: store.id,
        role: 'owner',
        ver: owner.ver,
      });
      const benchTables: BenchTable[] = [];
      for (const row of tableRows) {
        const { token } = await tokens.sign({ kind: 'table', sub: row.id, storeId: store.id, ver: row.ver });
        benchTables.push({ id: row.id, storeId: store.id, number: row.number, token });
      }
      world.stores.push({
        id: store.id,
        code: store.code,
        staffToken: staff.token,
        tables: benchTables,
        menuIds,
        prices,
        optionGroups,
      });
    }
  } finally {
    await database.close();
  }
  return world;
}

/** Two choice groups of a store (맵기: one of three; 토핑 추가: up to three of four), on every other dish. */
async function seedOptionGroups(
  db: Database['db'],
  kit: Pick<BuildKit, 'schema'>,
  storeId: string,
  menuIds: string[],
): Promise<Record<string, BenchOptionGroup[]>> {
  const { optionGroups, options, menuOptionGroups } = kit.schema;
  const specs = [
    {
      name: '맵기',
      min: 0,
      max: 1,
      options: [
        ['순한맛', 0],
        ['보통', 0],
        ['매운맛', 500],
      ] as const,
    },
    {
      name: '토핑 추가',
      min: 0,
      max: 3,
      options: [
        ['치즈', 1_000],
        ['계란', 500],
        ['사리', 1_500],
        ['떡', 2_000],
      ] as const,
    },
  ];
  const groups: BenchOptionGroup[] = [];
  const groupIds: string[] = [];
  for (const [g, spec] of specs.entries()) {
    const [group] = await db
      .insert(optionGroups)
      .values({ storeId, name: spec.name, minSelect: spec.min, maxSelect: spec.max, sortOrder: g })
      .returning({ id: optionGroups.id });
    if (!group) throw new Error('option group not created');
    const rows = await db
      .insert(options)
      .values(spec.options.map(([name, price], o) => ({ groupId: group.id, storeId, name, price, sortOrder: o })))
      .returning({ id: options.id, price: options.price });
    groups.push({ min: spec.min, max: spec.max, options: rows });
    groupIds.push(group.id);
  }
  const offering = menuIds.filter((_, i) => i % 2 === 0);
  await db
    .insert(menuOptionGroups)
    .values(offering.flatMap((menuId) => groupIds.map((groupId, sortOrder) => ({ menuId, groupId, sortOrder }))));
  return Object.fromEntries(offering.map((menuId) => [menuId, groups]));
}
