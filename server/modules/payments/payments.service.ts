import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Bill, CreatePaymentBody, Payment } from '../../../contract/payments.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import { idempotencyKeys, orders, payments, tableSessions, tables } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { retryConflicts } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { toPayment } from '../sessions/sessions.dto.js';
import { type Actor, lockTable, logVisit, readOpenSession } from '../sessions/sessions.service.js';

/** The fingerprint of a payment request, for its Idempotency-Key. */
export function paymentRequestHash(body: CreatePaymentBody): string {
  return createHash('sha256').update(`payment:${body.method}:${body.amount}`).digest('hex');
}

/** A visit's money: its live orders' total (net of voids) and what was paid (refunds left out). */
async function amountsOf(q: Queryable, sessionId: string): Promise<{ totalAmount: number; paidAmount: number }> {
  const [row] = await q
    .select({
      total: sql<number>`coalesce((select sum(${orders.totalAmount}) from ${orders}
        where ${orders.sessionId} = ${sessionId}::uuid and ${orders.deletedAt} is null), 0)`.mapWith(Number),
      paid: sql<number>`coalesce((select sum(${payments.amount}) from ${payments}
        where ${payments.sessionId} = ${sessionId}::uuid and ${payments.refundedAt} is null), 0)`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  return { totalAmount: row?.total ?? 0, paidAmount: row?.paid ?? 0 };
}

/**
 * Checkout: what a table's visit owes and what staff recorded as paid (the card terminal stays
 * outside). A payment never takes more than is due (409 OVERPAYMENT); a refund keeps the row.
 */
export function createPaymentsService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  /** The table's open visit's bill; `forStaff` false leaves out who recorded each payment. */
  async function bill(storeId: string, tableId: string, forStaff: boolean): Promise<Bill> {
    const [table] = await db
      .select({ sessionId: tableSessions.id })
      .from(tableSessions)
      .where(
        and(eq(tableSessions.tableId, tableId), eq(tableSessions.storeId, storeId), isNull(tableSessions.closedAt)),
      );
    if (!table) {
      if (forStaff && !(await tableOfStore(storeId, tableId))) throw notFound('table');
      return { sessionId: null, totalAmount: 0, paidAmount: 0, dueAmount: 0, payments: [] };
    }
    const sessionId = table.sessionId;
    const [money, rows] = await Promise.all([
      amountsOf(db, sessionId),
      db.select().from(payments).where(eq(payments.sessionId, sessionId)).orderBy(asc(payments.createdAt)),
    ]);
    return {
      sessionId,
      ...money,
      dueAmount: money.totalAmount - money.paidAmount,
      payments: rows.map((row) => toPayment(row, forStaff)),
    };
  }

  async function tableOfStore(storeId: string, tableId: string) {
    const [row] = await db
      .select({ id: tables.id })
      .from(tables)
      .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId), isNull(tables.deletedAt)));
    return row !== undefined;
  }

  async function findPayment(q: Queryable, storeId: string, id: string) {
    const [row] = await q
      .select()
      .from(payments)
      .where(and(eq(payments.id, id), eq(payments.storeId, storeId)));
    return row;
  }

  /**
   * Records a payment for the table's open visit. With an Idempotency-Key (per table), a replay
   * with the same body answers the same payment (`replayed`); another body → 409.
   */
  async function create(
    actor: Actor & { storeId: string },
    tableId: string,
    body: CreatePaymentBody,
    key: string | undefined,
  ): Promise<{ payment: Payment; replayed: boolean }> {
    const hash = paymentRequestHash(body);
    return retryConflicts(() =>
      events.transaction(actor.storeId, async (tx, emit) => {
        const table = await lockTable(tx, actor.storeId, tableId);
        if (!table) throw notFound('table');
        if (key) {
          const [taken] = await tx
            .select({ requestHash: idempotencyKeys.requestHash, paymentId: idempotencyKeys.paymentId })
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.tableId, tableId), eq(idempotencyKeys.key, key)));
          if (taken) {
            const earlier = taken.paymentId ? await findPayment(tx, actor.storeId, taken.paymentId) : undefined;
            if (taken.requestHash !== hash || !earlier) {
              throw conflict(
                'IDEMPOTENCY_KEY_REUSED',
                'This Idempotency-Key was already used for a different request; send a new key for a new payment',
              );
            }
            return { payment: toPayment(earlier, true), replayed: true };
          }
        }
        const session = await readOpenSession(tx, tableId);
        if (!session) throw conflict('NO_OPEN_SESSION', 'This table has no open session');
        const money = await amountsOf(tx, session.id);
        const due = money.totalAmount - money.paidAmount;
        if (body.amount > due) {
          throw conflict('OVERPAYMENT', `Only ${Math.max(0, due)} is due`, { dueAmount: due });
        }
        const now = clock.now();
        const [row] = await tx
          .insert(payments)
          .values({
            storeId: actor.storeId,
            sessionId: session.id,
            method: body.method,
            amount: body.amount,
            createdAt: now,
            createdByAdminId: actor.adminId,
            createdByUsername: actor.username,
          })
          .returning();
        if (!row) throw new Error('payment not written');
        if (key) {
          await tx
            .insert(idempotencyKeys)
            .values({ tableId, key, requestHash: hash, paymentId: row.id, createdAt: now });
        }
        await logStory(tx, actor, { sessionId: session.id, kind: 'payment', row, now });
        const payment = toPayment(row, true);
        const paidAmount = money.paidAmount + row.amount;
        emit({
          type: 'payment.created',
          tableId,
          sessionId: session.id,
          data: { payment, tableId, paidAmount, dueAmount: money.totalAmount - paidAmount },
        });
        return { payment, replayed: false };
      }),
    );
  }

  /** Refunds a payment: the row stays, marked with who and when. Refunding it again changes nothing. */
  async function refund(actor: Actor & { storeId: string }, paymentId: string): Promise<void> {
    await retryConflicts(() =>
      events.transaction(actor.storeId, async (tx, emit) => {
        const found = await findPayment(tx, actor.storeId, paymentId);
        if (!found) throw notFound('payment');
        const [session] = await tx
          .select({ tableId: tableSessions.tableId })
          .from(tableSessions)
          .where(eq(tableSessions.id, found.sessionId));
        if (!session) throw notFound('payment');
        const table = await lockTable(tx, actor.storeId, session.tableId);
        // Read again under the lock: a merge may have carried it to another visit meanwhile.
        const row = await findPayment(tx, actor.storeId, paymentId);
        if (!row) throw notFound('payment');
        if (row.refundedAt) return;
        const now = clock.now();
        const [refunded] = await tx
          .update(payments)
          .set({ refundedAt: now, refundedByAdminId: actor.adminId, refundedByUsername: actor.username })
          .where(and(eq(payments.id, paymentId), isNull(payments.refundedAt)))
          .returning();
        if (!refunded) return;
        const [visit] = await tx
          .select({ tableId: tableSessions.tableId })
          .from(tableSessions)
          .where(eq(tableSessions.id, refunded.sessionId));
        const tableId = visit?.tableId ?? table?.id ?? session.tableId;
        await logStory(tx, actor, { sessionId: refunded.sessionId, kind: 'refund', row: refunded, now });
        const money = await amountsOf(tx, refunded.sessionId);
        emit({
          type: 'payment.deleted',
          tableId,
          sessionId: refunded.sessionId,
          data: {
            payment: toPayment(refunded, true),
            tableId,
            paidAmount: money.paidAmount,
            dueAmount: money.totalAmount - money.paidAmount,
          },
        });
      }),
    );
  }

  async function logStory(
    tx: Tx,
    actor: Actor & { storeId: string },
    entry: { sessionId: string; kind: 'payment' | 'refund'; row: typeof payments.$inferSelect; now: Date },
  ) {
    await logVisit(tx, {
      storeId: actor.storeId,
      sessionId: entry.sessionId,
      kind: entry.kind,
      data: { paymentId: entry.row.id, method: entry.row.method, amount: entry.row.amount },
      by: actor,
      now: entry.now,
    });
  }

  return { bill, create, refund };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
