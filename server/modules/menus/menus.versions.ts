import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stores } from '../../db/schema/index.js';
import type { EventBus } from '../realtime/realtime.bus.js';

/**
 * Each store's menu version (stores.menu_version: the table menu's ETag, the version orders are
 * priced at), kept in memory so a table menu request that answers 304 reads nothing from the
 * database. A `menu.updated` event — heard on the bus from whichever replica changed the menu —
 * drops the store's entry; `refresh()` (every second, from the menus jobs) re-reads the versions
 * held, in one query, should a bus message be lost. Ordering never trusts a stale version: the
 * ordering function re-checks it under the store row lock and the order is re-priced.
 */
export function createMenuVersions(deps: { db: Db; bus: EventBus }) {
  const { db, bus } = deps;
  const known = new Map<string, number>();
  /** Per store: bumped by every drop, so a read that began before it does not store its answer. */
  const generations = new Map<string, number>();

  const versionOf = db
    .select({ version: stores.menuVersion })
    .from(stores)
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare('menus_store_version');

  function drop(storeId: string): void {
    generations.set(storeId, (generations.get(storeId) ?? 0) + 1);
    known.delete(storeId);
  }

  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'menu.updated') drop(event.storeId);
  });
  const offReconnect = bus.onReconnect(() => {
    for (const storeId of [...known.keys()]) drop(storeId);
  });

  /** Reads the version from the database and keeps it unless the menu changed meanwhile. */
  async function read(storeId: string): Promise<number | undefined> {
    const seen = generations.get(storeId) ?? 0;
    const [row] = await versionOf.execute({ storeId });
    if (!row) return undefined;
    if ((generations.get(storeId) ?? 0) === seen) known.set(storeId, row.version);
    return row.version;
  }

  return {
    /** The store's menu version (undefined for an unknown store): from memory when known. */
    async get(storeId: string): Promise<number | undefined> {
      return known.get(storeId) ?? read(storeId);
    },
    /** The version as the database has it now (an order found it changed). */
    fresh: read,
    /** Re-reads every version held, in one query. */
    async refresh(): Promise<void> {
      const ids = [...known.keys()];
      if (ids.length === 0) return;
      const before = new Map(ids.map((id) => [id, generations.get(id) ?? 0]));
      const rows = await db
        .select({ id: stores.id, version: stores.menuVersion })
        .from(stores)
        .where(inArray(stores.id, ids));
      for (const row of rows) {
        if ((generations.get(row.id) ?? 0) === before.get(row.id)) known.set(row.id, row.version);
      }
    },
    close(): void {
      unsubscribe();
      offReconnect();
    },
  };
}

export type MenuVersions = ReturnType<typeof createMenuVersions>;
