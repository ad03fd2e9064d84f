import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../test/db.js';
import { type Database, executeNamed, openDatabase, PGLITE_SETTINGS, rowsOf } from './client.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`CREATE TABLE named_probe (n int NOT NULL)`);
});
beforeEach(async () => {
  await database.db.execute(sql`DELETE FROM named_probe`);
});
afterAll(() => database.close());

const countOf = async (result: Promise<unknown>) => Number(rowsOf<{ c: number | string }>(await result)[0]?.c);
const countAtLeast = (min: number) => sql`SELECT count(*) AS c FROM named_probe WHERE n >= ${min}`;

describe('executeNamed', () => {
  it("runs on the transaction's own connection: it sees the transaction's uncommitted rows", async () => {
    const inside = await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO named_probe (n) VALUES (1), (2), (3)`);
      return countOf(executeNamed(tx, 'probe_count_at_least', countAtLeast(0)));
    });
    expect(inside).toBe(3);
  });

  it('passes values as parameters: one name serves every value, on every pooled connection', async () => {
    await database.db.execute(sql`INSERT INTO named_probe (n) VALUES (10), (20), (30)`);
    const mins = [5, 15, 25, 35];
    // Twenty at once spread the name over several of the pool's connections.
    const results = await Promise.all(
      [...mins, ...mins, ...mins, ...mins, ...mins].map((min) =>
        countOf(executeNamed(database.db, 'probe_count_at_least', countAtLeast(min))),
      ),
    );
    expect(results).toEqual([3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0]);
  });
});

describe.skipIf(TEST_DATABASE_URL)('embedded PGlite', () => {
  const settingsOf = async (database: Database) =>
    Object.fromEntries(
      await Promise.all(
        Object.keys(PGLITE_SETTINGS).map(async (name) => {
          const [row] = rowsOf<{ value: string }>(
            await database.db.execute(sql`SELECT current_setting(${name}) AS value`),
          );
          return [name, row?.value];
        }),
      ),
    );

  it('runs in-memory databases with the small-machine settings', async () => {
    expect(await settingsOf(database)).toEqual(PGLITE_SETTINGS);
  });

  it('creates a folder on first open, with the settings, and keeps its data across opens', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tableorder-pglite-'));
    const folder = path.join(dir, 'pglite');
    try {
      const first = await openDatabase({ pgliteDir: folder });
      expect(await settingsOf(first)).toEqual(PGLITE_SETTINGS);
      await first.db.execute(sql`CREATE TABLE kept (n int NOT NULL)`);
      await first.db.execute(sql`INSERT INTO kept (n) VALUES (7)`);
      await first.close();
      // initdb wrote them into the folder too, for anything else that opens it.
      expect(await readFile(path.join(folder, 'postgresql.conf'), 'utf8')).toMatch(/^shared_buffers = 16MB/m);

      const again = await openDatabase({ pgliteDir: folder });
      expect(rowsOf<{ n: number }>(await again.db.execute(sql`SELECT n FROM kept`))).toEqual([{ n: 7 }]);
      expect(await settingsOf(again)).toEqual(PGLITE_SETTINGS);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
