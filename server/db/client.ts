import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { FUNCTIONS_DIR, MIGRATIONS_DIR } from '../lib/paths.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The one database type services see, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Throws when the database does not answer within the timeout. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without one, embedded PGlite is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  pgliteDir?: string;
  poolSize?: number;
}

/**
 * The SQL functions of the hot writes (server/db/functions/*.sql), applied after the migrations
 * on every start: each file is CREATE OR REPLACE, and a changed behaviour takes a new name.
 */
function functionDefinitions(): string[] {
  return readdirSync(FUNCTIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readFileSync(path.join(FUNCTIONS_DIR, name), 'utf8'));
}

// Any fixed 64-bit number shared by all replicas: only one runs migrations at a time.
const MIGRATION_LOCK_ID = 7_305_118_402;

/** Opens the database and applies every pending migration before returning. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.pgliteDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Migrate on a dedicated connection holding an advisory lock, so replicas starting together
  // don't apply the same migration twice.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrateNodePg(drizzleNodePg(migrator), { migrationsFolder: MIGRATIONS_DIR });
    for (const text of functionDefinitions()) await migrator.query(text);
  } finally {
    await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await migrator.end();
  }

  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: (timeoutMs) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    close: () => pool.end(),
  };
}

/**
 * PostgreSQL settings for the embedded engine, given at every open (they override what initdb
 * wrote into the folder, so folders made by earlier versions get them too). PGlite's WASM build
 * zero-fills its shared memory at start, so all of it is resident from the first second: with
 * PostgreSQL's defaults that is 146 MB (128 MB of buffers, WAL buffers sized from them, slots for
 * 100 connections) for one restaurant's few tens of MB of data. One backend runs in the process;
 * the operating system's page cache keeps the rest of the files close.
 */
export const PGLITE_SETTINGS = {
  shared_buffers: '16MB',
  max_connections: '10',
  // Local memory, taken from the WASM heap on demand; the heap never shrinks, so cap the largest
  // single allocations (index builds in migrations, sorts) instead of keeping a high-water mark.
  maintenance_work_mem: '16MB',
  work_mem: '4MB',
} as const;

const PGLITE_OPTIONS = {
  startParams: [
    ...PGlite.defaultStartParams,
    ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ],
  // initdb writes them into a new database's postgresql.conf, and runs its own steps with them.
  initDbStartParams: Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['--set', `${name}=${value}`]),
};

/**
 * Compiles WebAssembly with V8's baseline compiler (Liftoff) only, never tiering hot functions up
 * to its optimizing compiler: PGlite's 9 MB module otherwise keeps 50–60 MB more resident after
 * the optimizing compiler has run over its hot functions, and that compiler's background work
 * competes with requests for a small machine's cores. Measured with `npm run bench:embedded` on two
 * cores: RSS under a tablet load 267 → 208 MB (median), and order latency no worse (p50 28 → 18 ms).
 * It also costs less CPU in all: a new in-memory database (the test suites') takes about 2.3 s of
 * CPU instead of 4.5 s for the first one in a process. It applies to WebAssembly compiled from now
 * on in this process, which in the server is PGlite's. An unknown flag (a future V8 without it)
 * only prints a warning.
 */
function compileWasmWithBaselineOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

async function openPglite(dir = 'memory://'): Promise<Database> {
  compileWasmWithBaselineOnly();
  if (!dir.startsWith('memory://')) {
    mkdirSync(path.resolve(dir), { recursive: true });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) await initPgliteFolder(path.resolve(dir));
  }
  const client = await PGlite.create(dir, PGLITE_OPTIONS);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  for (const text of functionDefinitions()) await client.exec(text);
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    close: () => client.close(),
  };
}

const INIT_FOLDER_SCRIPT = `
const [pgliteModule, dir, options] = process.argv.slice(1);
require('node:v8').setFlagsFromString('--liftoff-only');
const { PGlite } = require(pgliteModule);
PGlite.create(dir, JSON.parse(options))
  .then((db) => db.close())
  .then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
`;

/**
 * Creates a new database folder (initdb) in a short-lived child process. PGlite runs initdb in a
 * second WASM instance of its own, with a copy of that instance's heap; in the calling process
 * they stay resident after it is closed (a first start idled at 843 MB, a restart of the same
 * folder at 375 MB; forcing garbage collections gave back only part). In a child they go back to
 * the system when it exits, and the server opens an existing folder, as on every later start.
 */
async function initPgliteFolder(dir: string): Promise<void> {
  const pgliteModule = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  try {
    await promisify(execFile)(
      process.execPath,
      ['-e', INIT_FOLDER_SCRIPT, pgliteModule, dir, JSON.stringify(PGLITE_OPTIONS)],
      { timeout: 300_000 },
    );
  } catch (err) {
    const { stderr } = err as { stderr?: string };
    throw new Error(`could not create the database in ${dir}: ${stderr?.trim() || (err as Error).message}`);
  }
}

async function withTimeout(work: Promise<unknown>, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rows of a raw `db.execute(sql...)`, the same on both engines. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const dialect = new PgDialect();

/**
 * Runs a raw statement whose text never changes (values only as parameters) as a named prepared
 * statement: PostgreSQL parses and plans it once per connection instead of on every call. Works
 * inside a transaction, on the transaction's own connection; PGlite ignores the name. The result
 * is what `execute` returns (read it with `rowsOf`).
 */
export function executeNamed(q: Queryable, name: string, query: SQL): Promise<unknown> {
  return q._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
