import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { EventPayload } from '../../../contract/events.js';
import type { Db } from '../../db/client.js';
import { admins, events, stores, tables } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus, StoredEvent } from '../realtime/realtime.bus.js';

export interface TableCredentials {
  storeId: string;
  number: number;
  ver: number;
  active: boolean;
}

export interface AdminCredentials {
  storeId: string | null;
  username: string;
  role: 'superadmin' | 'owner' | 'manager' | 'kitchen';
  ver: number;
  active: boolean;
}

/** How far back the periodic check looks for revocations (writers' clocks differ a little). */
const OVERLAP_MS = 5_000;

/**
 * The credentials tokens are checked against (credential version, role, store active), kept in
 * memory so a request reads nothing to authenticate. Entries are loaded on first use and dropped
 * when the event log says they changed: `access.revoked` (password, deletion, role, store
 * deactivation or reactivation) and `table.updated` (a new number), heard on the bus from every
 * replica, and — should a bus message be lost — found by `sweep()`, which reads the revocations
 * of the last seconds (the auth jobs run it every second). A revocation thus takes effect on every
 * replica within a second, usually within milliseconds.
 */
export function createCredentialCache(deps: { db: Db; bus: EventBus; clock: Clock }) {
  const { db, bus, clock } = deps;
  const tableEntries = new Map<string, TableCredentials | null>();
  const adminEntries = new Map<string, AdminCredentials | null>();
  /** Bumped by every invalidation: a load that started before one must not store what it read. */
  let generation = 0;
  let sweptUpTo = clock.now().getTime();

  const tableQuery = db
    .select({ storeId: tables.storeId, number: tables.number, ver: tables.tokenVersion, active: stores.isActive })
    .from(tables)
    .innerJoin(stores, eq(stores.id, tables.storeId))
    .where(and(eq(tables.id, sql.placeholder('tableId')), isNull(tables.deletedAt)))
    .prepare('auth_table_credentials');
  const adminQuery = db
    .select({
      storeId: admins.storeId,
      username: admins.username,
      role: admins.role,
      ver: admins.tokenVersion,
      active: sql<boolean>`coalesce(${stores.isActive}, true)`,
    })
    .from(admins)
    .leftJoin(stores, eq(stores.id, admins.storeId))
    .where(eq(admins.id, sql.placeholder('adminId')))
    .prepare('auth_admin_credentials');

  function forgetStore(storeId: string): void {
    for (const [id, entry] of tableEntries) if (!entry || entry.storeId === storeId) tableEntries.delete(id);
    for (const [id, entry] of adminEntries) if (!entry || entry.storeId === storeId) adminEntries.delete(id);
  }

  /** Drops whatever the event says may have changed. */
  function heard(event: Pick<StoredEvent, 'storeId' | 'type' | 'data'>): void {
    if (event.type === 'access.revoked') {
      const data = event.data as EventPayload<'access.revoked'>;
      generation += 1;
      if (data.wholeStore) forgetStore(event.storeId);
      if (data.tableId) tableEntries.delete(data.tableId);
      if (data.adminId) adminEntries.delete(data.adminId);
    } else if (event.type === 'table.updated') {
      generation += 1;
      tableEntries.delete((event.data as EventPayload<'table.updated'>).table.id);
    }
  }

  const unsubscribe = bus.subscribe(heard);
  // Messages may have been lost while the bus was down: start over.
  const offReconnect = bus.onReconnect(() => {
    generation += 1;
    tableEntries.clear();
    adminEntries.clear();
  });

  async function load<T>(cache: Map<string, T | null>, id: string, read: () => Promise<T | undefined>) {
    if (cache.has(id)) return cache.get(id) ?? undefined;
    const seen = generation;
    const row = (await read()) ?? null;
    if (seen === generation) cache.set(id, row);
    return row ?? undefined;
  }

  return {
    /** The table's credentials, or undefined when it is deleted or unknown. */
    table(tableId: string): Promise<TableCredentials | undefined> {
      return load(tableEntries, tableId, async () => (await tableQuery.execute({ tableId }))[0]);
    },

    /** The account's credentials (super-admins have no store and are always active). */
    admin(adminId: string): Promise<AdminCredentials | undefined> {
      return load(adminEntries, adminId, async () => (await adminQuery.execute({ adminId }))[0]);
    },

    /** The safety net for lost bus messages: applies the revocations logged since the last sweep. */
    async sweep(): Promise<number> {
      const now = clock.now().getTime();
      const since = new Date(sweptUpTo - OVERLAP_MS);
      const rows = await db
        .select({ storeId: events.storeId, type: events.type, data: events.data })
        .from(events)
        .where(and(eq(events.type, 'access.revoked'), gte(events.createdAt, since)));
      for (const row of rows) heard({ storeId: row.storeId, type: 'access.revoked', data: row.data });
      sweptUpTo = now;
      return rows.length;
    },

    /** How many entries are held (for tests and metrics). */
    get size() {
      return tableEntries.size + adminEntries.size;
    },

    close(): void {
      unsubscribe();
      offReconnect();
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
