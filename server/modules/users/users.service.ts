import { and, asc, count, eq, sql } from 'drizzle-orm';
import { ErrorCodes } from '../../../contract/common.js';
import type { AdminUser, CreateAdminUserBody, UpdateAdminUserBody } from '../../../contract/stores.js';
import type { Db, Tx } from '../../db/client.js';
import { admins } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { endStoreLockout } from '../auth/auth.lockout.js';
import type { EventLog } from '../realtime/realtime.event-log.js';

/** First key of the two-key advisory locks that serialize one store's account changes. */
const ADMIN_CHANGES_LOCK_CLASS = 7305;

type AdminRow = typeof admins.$inferSelect;

export function toAdminUser(row: AdminRow): AdminUser {
  if (row.role === 'superadmin' || row.storeId === null) throw new Error('not a store account');
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    storeId: row.storeId,
    createdAt: row.createdAt.toISOString(),
  };
}

const duplicateUsername = () =>
  conflict(ErrorCodes.duplicate, 'This store already has an account with this username', { field: 'username' });
const lastOwner = () =>
  conflict(ErrorCodes.lastOwner, 'A store must keep at least one owner; make another owner first');

/**
 * A store's owner and manager accounts, for its owners (`/admin/users`) and the super-admin
 * (`/superadmin/stores/:id/admins`). Every query is scoped by the store id the caller passes;
 * an account of another store is simply not found.
 */
export function createUsersService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  /**
   * Changes that may remove an owner run under a per-store advisory lock, so two of them (two
   * owners deleting each other at once) cannot both see "another owner is left" and leave none.
   */
  async function lockStoreAccounts(tx: Tx, storeId: string): Promise<void> {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(${sql.raw(String(ADMIN_CHANGES_LOCK_CLASS))}, hashtext(${storeId}))`,
    );
  }

  async function ownerCount(tx: Tx, storeId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(admins)
      .where(and(eq(admins.storeId, storeId), eq(admins.role, 'owner')));
    return row?.n ?? 0;
  }

  async function findInStore(tx: Tx, storeId: string, id: string): Promise<AdminRow> {
    const [row] = await tx
      .select()
      .from(admins)
      .where(and(eq(admins.id, id), eq(admins.storeId, storeId)));
    if (!row) throw notFound('user');
    return row;
  }

  return {
    async list(storeId: string): Promise<AdminUser[]> {
      const rows = await db.select().from(admins).where(eq(admins.storeId, storeId)).orderBy(asc(admins.username));
      return rows.map(toAdminUser);
    },

    async create(storeId: string, body: CreateAdminUserBody): Promise<AdminUser> {
      const passwordHash = await hashPassword(body.password);
      try {
        const [row] = await db
          .insert(admins)
          .values({ storeId, username: body.username, passwordHash, role: body.role })
          .returning();
        if (!row) throw new Error('account was not created');
        return toAdminUser(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateUsername();
        throw err;
      }
    },

    /** A new password bumps the credential version, revoking every token issued before. */
    async update(storeId: string, id: string, body: UpdateAdminUserBody): Promise<AdminUser> {
      // Hashing takes tens of milliseconds: done before the transaction, not while holding a lock.
      const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
      return events.transaction(storeId, async (tx, emit) => {
        await lockStoreAccounts(tx, storeId);
        const current = await findInStore(tx, storeId, id);
        if (
          current.role === 'owner' &&
          body.role !== undefined &&
          body.role !== 'owner' &&
          (await ownerCount(tx, storeId)) <= 1
        ) {
          throw lastOwner();
        }
        try {
          const [row] = await tx
            .update(admins)
            .set({
              ...(body.username === undefined ? {} : { username: body.username }),
              ...(body.role === undefined ? {} : { role: body.role }),
              ...(passwordHash === undefined ? {} : { passwordHash, tokenVersion: sql`${admins.tokenVersion} + 1` }),
              updatedAt: clock.now(),
            })
            .where(and(eq(admins.id, id), eq(admins.storeId, storeId)))
            .returning();
          if (!row) throw notFound('user');
          if (passwordHash !== undefined) {
            await endStoreLockout(tx, storeId, { admin: row.username });
            // The account's open streams end before any later event reaches them.
            emit({ type: 'access.revoked', data: { adminId: id } });
          }
          return toAdminUser(row);
        } catch (err) {
          if (isUniqueViolation(err)) throw duplicateUsername();
          throw err;
        }
      });
    },

    /** Deleting an account revokes its tokens too: the guard finds no row for them. */
    async remove(storeId: string, id: string, options: { actorId?: string } = {}): Promise<void> {
      if (options.actorId === id) {
        throw conflict(ErrorCodes.cannotDeleteSelf, 'You cannot delete your own account');
      }
      await events.transaction(storeId, async (tx, emit) => {
        await lockStoreAccounts(tx, storeId);
        const current = await findInStore(tx, storeId, id);
        if (current.role === 'owner' && (await ownerCount(tx, storeId)) <= 1) throw lastOwner();
        await tx.delete(admins).where(and(eq(admins.id, id), eq(admins.storeId, storeId)));
        emit({ type: 'access.revoked', data: { adminId: id } });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
