import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { HistoryQuery } from '../../../contract/orders.js';
import type { Payment, Visit } from '../../../contract/payments.js';
import type { Queryable } from '../../db/client.js';
import { orders, payments, sessionLog, stores, tableSessions, tables } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { toPayment, toVisitLogEntry } from './sessions.dto.js';

/** Read side of visits: a table's past visits with their money and story. */
export function createSessionReads(deps: { db: Queryable }) {
  const { db } = deps;

  /**
   * A table's closed visits, newest first, that opened within `from`/`to` (inclusive days in the
   * store's time zone): times, guests, total, payments (refunds included, marked), and their log.
   */
  async function visits(storeId: string, tableId: string, query: HistoryQuery): Promise<Visit[]> {
    const [table] = await db
      .select({ timezone: stores.timezone })
      .from(tables)
      .innerJoin(stores, eq(stores.id, tables.storeId))
      .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId)));
    if (!table) throw notFound('table');
    const conditions = [
      eq(tableSessions.storeId, storeId),
      eq(tableSessions.tableId, tableId),
      isNotNull(tableSessions.closedAt),
    ];
    if (query.from) {
      conditions.push(
        sql`${tableSessions.openedAt} >= (${query.from}::date::timestamp AT TIME ZONE ${table.timezone})`,
      );
    }
    if (query.to) {
      conditions.push(
        sql`${tableSessions.openedAt} < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${table.timezone})`,
      );
    }
    const sessions = await db
      .select({
        session: tableSessions,
        tableNumber: tables.number,
        total: sql<number>`coalesce((select sum(${orders.totalAmount}) from ${orders}
          where ${orders.sessionId} = ${tableSessions.id} and ${orders.deletedAt} is null), 0)`.mapWith(Number),
      })
      .from(tableSessions)
      .innerJoin(tables, eq(tables.id, tableSessions.tableId))
      .where(and(...conditions))
      .orderBy(desc(tableSessions.openedAt))
      .limit(500);
    const ids = sessions.map((row) => row.session.id);
    if (ids.length === 0) return [];
    const [paymentRows, logRows] = await Promise.all([
      db.select().from(payments).where(inArray(payments.sessionId, ids)).orderBy(asc(payments.createdAt)),
      db.select().from(sessionLog).where(inArray(sessionLog.sessionId, ids)).orderBy(asc(sessionLog.createdAt)),
    ]);
    return sessions.map(({ session, tableNumber, total }) => {
      const own: Payment[] = paymentRows.filter((p) => p.sessionId === session.id).map((p) => toPayment(p, true));
      const paidAmount = own.filter((p) => p.refundedAt === null).reduce((sum, p) => sum + p.amount, 0);
      return {
        sessionId: session.id,
        tableId: session.tableId,
        tableNumber,
        openedAt: session.openedAt.toISOString(),
        closedAt: session.closedAt?.toISOString() ?? null,
        closeReason: session.closeReason,
        mergedIntoSessionId: session.mergedIntoSessionId,
        guests: session.guests,
        totalAmount: total,
        paidAmount,
        dueAmount: total - paidAmount,
        closedWithDue: session.closeReason !== 'merged' && total - paidAmount > 0,
        payments: own,
        log: logRows.filter((l) => l.sessionId === session.id).map(toVisitLogEntry),
      };
    });
  }

  /** Whether the table has an open visit now (for answers that report it). */
  async function openSessionOf(tableId: string) {
    const [row] = await db
      .select({ id: tableSessions.id })
      .from(tableSessions)
      .where(and(eq(tableSessions.tableId, tableId), isNull(tableSessions.closedAt)));
    return row?.id ?? null;
  }

  return { visits, openSessionOf };
}

export type SessionReads = ReturnType<typeof createSessionReads>;
