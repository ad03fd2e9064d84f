import { asc, eq, sql } from 'drizzle-orm';
import { ErrorCodes } from '../../../contract/common.js';
import type { CreateStoreBody, Store, UpdateStoreBody } from '../../../contract/stores.js';
import type { Db, Tx } from '../../db/client.js';
import { admins, stores, tables } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { seedStoreDefaults } from './stores.defaults.js';

export const DEFAULT_TIMEZONE = 'Asia/Seoul';

type StoreRow = typeof stores.$inferSelect;

export function toStore(row: StoreRow): Store {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    timezone: row.timezone,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The zone's canonical IANA name ("asia/seoul" → "Asia/Seoul"), so what is stored is what both
 * the app and PostgreSQL's `AT TIME ZONE` understand. The contract has already checked validity.
 */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

const duplicateCode = () => conflict(ErrorCodes.duplicate, 'A store with this code already exists', { field: 'code' });

/** Stores, for the super-admin. Deactivating one stops its admins and tables at the next request. */
/**
 * Moves every table's and account's credential version of the store on, so no token issued so
 * far works again (tablets sign in again by themselves once the store is back). The tables are
 * locked in id order first: the project's lock order (tables, then the store row).
 */
async function revokeStoreTokens(tx: Tx, storeId: string): Promise<void> {
  await tx
    .select({ id: tables.id })
    .from(tables)
    .where(eq(tables.storeId, storeId))
    .orderBy(asc(tables.id))
    .for('update');
  await tx
    .update(tables)
    .set({ tokenVersion: sql`${tables.tokenVersion} + 1` })
    .where(eq(tables.storeId, storeId));
  await tx
    .update(admins)
    .set({ tokenVersion: sql`${admins.tokenVersion} + 1` })
    .where(eq(admins.storeId, storeId));
}

export function createStoresService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  return {
    async list(): Promise<Store[]> {
      const rows = await db.select().from(stores).orderBy(asc(stores.code));
      return rows.map(toStore);
    },

    async get(id: string): Promise<Store> {
      const [row] = await db.select().from(stores).where(eq(stores.id, id));
      if (!row) throw notFound('store');
      return toStore(row);
    },

    async create(body: CreateStoreBody): Promise<Store> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(stores)
            .values({
              code: body.code,
              name: body.name,
              timezone: canonicalTimeZone(body.timezone ?? DEFAULT_TIMEZONE),
              isActive: body.isActive ?? true,
              createdAt: clock.now(),
              updatedAt: clock.now(),
            })
            .returning();
          if (!row) throw new Error('store was not created');
          await seedStoreDefaults(tx, row.id);
          return toStore(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateCode();
        throw err;
      }
    },

    /** Deactivating a store ends its staff's and tablets' open streams too (their tokens already fail). */
    async update(id: string, body: UpdateStoreBody): Promise<Store> {
      try {
        return await events.transaction(id, async (tx, emit) => {
          if (body.isActive === false) await revokeStoreTokens(tx, id);
          const [row] = await tx
            .update(stores)
            .set({
              ...(body.code === undefined ? {} : { code: body.code }),
              ...(body.name === undefined ? {} : { name: body.name }),
              ...(body.timezone === undefined ? {} : { timezone: canonicalTimeZone(body.timezone) }),
              ...(body.isActive === undefined ? {} : { isActive: body.isActive }),
              updatedAt: clock.now(),
            })
            .where(eq(stores.id, id))
            .returning();
          if (!row) throw notFound('store');
          // Deactivation revokes every token for good (reactivating does not revive them); either
          // change reaches the credentials every replica keeps in memory.
          if (body.isActive !== undefined) emit({ type: 'access.revoked', data: { wholeStore: true } });
          return toStore(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateCode();
        throw err;
      }
    },
  };
}

export type StoresService = ReturnType<typeof createStoresService>;
