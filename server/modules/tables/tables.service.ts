import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { CreateTableBody, Table, UpdateTableBody } from '../../../contract/tables.js';
import type { Db } from '../../db/client.js';
import { orders, tableSessions, tables } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { endStoreLockout } from '../auth/auth.lockout.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { toTable } from '../sessions/sessions.dto.js';
import { lockTable, readOpenSession } from '../sessions/sessions.service.js';

const NUMBER_KEY = 'tables_store_number_key';
const duplicateNumber = (number: number) =>
  conflict('DUPLICATE', `Table ${number} already exists in this store`, { field: 'number' });

/** Staff manage the store's tables: numbers, passwords, removal. */
export function createTablesService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  async function list(storeId: string): Promise<Table[]> {
    const rows = await db
      .select({
        id: tables.id,
        number: tables.number,
        sessionId: tableSessions.id,
        openedAt: tableSessions.openedAt,
        guests: tableSessions.guests,
      })
      .from(tables)
      .leftJoin(tableSessions, and(eq(tableSessions.tableId, tables.id), isNull(tableSessions.closedAt)))
      .where(and(eq(tables.storeId, storeId), isNull(tables.deletedAt)))
      .orderBy(asc(tables.number));
    return rows.map((row) =>
      toTable(
        row,
        row.sessionId && row.openedAt ? { id: row.sessionId, openedAt: row.openedAt, guests: row.guests } : null,
      ),
    );
  }

  async function create(storeId: string, body: CreateTableBody): Promise<Table> {
    const passwordHash = await hashPassword(body.password);
    try {
      return await events.transaction(storeId, async (tx, emit) => {
        const now = clock.now();
        const [row] = await tx
          .insert(tables)
          .values({ storeId, number: body.number, passwordHash, createdAt: now, updatedAt: now })
          .returning({ id: tables.id, number: tables.number });
        if (!row) throw new Error('table not created');
        const table = toTable(row, null);
        emit({ type: 'table.updated', data: { table } });
        return table;
      });
    } catch (err) {
      if (isUniqueViolation(err, NUMBER_KEY)) throw duplicateNumber(body.number);
      throw err;
    }
  }

  /**
   * A new password revokes every token the table's tablet holds (its token version moves on) and
   * ends a lockout the tablet may have run into with the old one.
   */
  async function update(storeId: string, tableId: string, body: UpdateTableBody): Promise<Table> {
    // Hashed before the transaction: bcrypt is slow and the table row stays locked until commit.
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    try {
      return await events.transaction(storeId, async (tx, emit) => {
        const locked = await lockTable(tx, storeId, tableId);
        if (!locked) throw notFound('table');
        const [row] = await tx
          .update(tables)
          .set({
            updatedAt: clock.now(),
            ...(body.number === undefined ? {} : { number: body.number }),
            ...(passwordHash === undefined ? {} : { passwordHash, tokenVersion: sql`${tables.tokenVersion} + 1` }),
          })
          .where(eq(tables.id, tableId))
          .returning({ id: tables.id, number: tables.number });
        if (!row) throw notFound('table');
        // The live orders follow the table's new number; archived ones keep the number they had.
        if (body.number !== undefined) {
          await tx
            .update(orders)
            .set({ tableNumber: body.number })
            .where(and(eq(orders.tableId, tableId), isNull(orders.archivedAt)));
        }
        if (passwordHash !== undefined) await endStoreLockout(tx, storeId, { table: row.number });
        const table = toTable(row, await readOpenSession(tx, tableId));
        emit({ type: 'table.updated', data: { table } });
        // Streams the tablet opened with the old password end before any later event reaches them.
        if (passwordHash !== undefined) emit({ type: 'access.revoked', data: { tableId } });
        return table;
      });
    } catch (err) {
      if (body.number !== undefined && isUniqueViolation(err, NUMBER_KEY)) throw duplicateNumber(body.number);
      throw err;
    }
  }

  /**
   * Removes a table that has no open session (its orders would be left without a table).
   * The row is kept, marked deleted, so its history stays readable; its number is free again
   * and its tokens stop working.
   */
  async function remove(storeId: string, tableId: string): Promise<void> {
    await events.transaction(storeId, async (tx, emit) => {
      const locked = await lockTable(tx, storeId, tableId);
      if (!locked) throw notFound('table');
      if (await readOpenSession(tx, tableId)) {
        throw conflict('TABLE_HAS_OPEN_SESSION', 'End the table’s session before deleting it');
      }
      const now = clock.now();
      await tx.update(tables).set({ deletedAt: now, updatedAt: now }).where(eq(tables.id, tableId));
      emit({ type: 'table.updated', data: { table: toTable(locked, null) } });
      emit({ type: 'access.revoked', data: { tableId } });
    });
  }

  return { list, create, update, remove };
}

export type TablesService = ReturnType<typeof createTablesService>;
