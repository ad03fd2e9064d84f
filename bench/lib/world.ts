import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/client.js';
import { admins, menuCategories, menus, stores, tables } from '../../server/db/schema/index.js';
import { systemClock } from '../../server/lib/clock.js';
import { BCRYPT_COST } from '../../server/lib/passwords.js';
import { createTokenService } from '../../server/modules/auth/auth.tokens.js';

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

export async function postgresEngine(baseUrl: string, redisUrl: string | undefined): Promise<Engine> {
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
    open: () => openDatabase({ url: url.toString(), poolSize: 4 }),
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

export interface BenchStore {
  id: string;
  code: string;
  staffToken: string;
  tables: BenchTable[];
  menuIds: string[];
}

export interface World {
  stores: BenchStore[];
  secret: string;
}

/**
 * Seeds restaurants straight into the database (as the test factories do) with production-cost
 * password hashes, and signs the tokens a sign-in would hand out.
 */
export async function seedWorld(
  engine: Engine,
  options: { stores: number; tablesPerStore: number; categories: number; dishesPerCategory: number },
): Promise<World> {
  const secret = randomBytes(32).toString('hex');
  const tokens = createTokenService({ secret, expireHours: 16, clock: systemClock });
  const tableHash = await bcrypt.hash(TABLE_PASSWORD, BCRYPT_COST);
  const staffHash = await bcrypt.hash(randomBytes(12).toString('hex'), BCRYPT_COST);
  const database = await engine.open();
  const { db } = database;
  const world: World = { stores: [], secret };
  try {
    const prefix = `b${Date.now().toString(36)}`;
    const storeRows = await db
      .insert(stores)
      .values(
        Array.from({ length: options.stores }, (_, i) => ({ code: `${prefix}-${i + 1}`, name: `Bench ${i + 1}` })),
      )
      .returning({ id: stores.id, code: stores.code });
    for (const store of storeRows) {
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
          .returning({ id: menus.id });
        menuIds.push(...dishes.map((dish) => dish.id));
      }
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
      world.stores.push({ id: store.id, code: store.code, staffToken: staff.token, tables: benchTables, menuIds });
    }
  } finally {
    await database.close();
  }
  return world;
}
