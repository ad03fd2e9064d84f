import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { executeNamed, rowsOf } from './client.js';

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
