import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Order, VoidItemsBody } from '../../../contract/orders.js';
import type { Db, Tx } from '../../db/client.js';
import { type ItemVoid, orderItems, orders, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { retryConflicts } from '../../lib/db-errors.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import {
  currentSession,
  lockTable,
  lockTables,
  logVisit,
  openSession,
  type SessionLimits,
} from '../sessions/sessions.service.js';
import { loadLiveOrders } from './orders.read.js';
import { queueTickets, type StaffActor } from './orders.service.js';

/**
 * What staff change on an order after it was placed: voiding part of its lines (sent back,
 * cancelled) and moving it to another table. One transaction each, under the table locks.
 */
export function createOrderChanges(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
}) {
  const { events, clock, limits, metrics } = deps;

  /** The table of a live order of the store (read before its lock is taken; checked again after). */
  async function tableOfOrder(tx: Tx, storeId: string, orderId: string): Promise<string> {
    const [found] = await tx
      .select({ tableId: orders.tableId })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.storeId, storeId), isNull(orders.archivedAt)));
    if (!found) throw notFound('order');
    return found.tableId;
  }

  /**
   * Voids part of an order's lines: `voidedQuantity` grows, the line's subtotal and the order's
   * total shrink, who, when and why are kept on the line; a line voided whole counts as done, and
   * an order whose lines are all done is completed. Each station with voided lines gets a cancel
   * ticket (취소). Voiding more than is left of a line → 409 VOID_EXCEEDS_QUANTITY, nothing changed.
   */
  async function voidItems(actor: StaffActor, orderId: string, body: VoidItemsBody): Promise<Order> {
    return retryConflicts(() =>
      events.transaction(actor.storeId, async (tx, emit) => {
        const tableId = await tableOfOrder(tx, actor.storeId, orderId);
        const table = await lockTable(tx, actor.storeId, tableId);
        if (!table) throw notFound('order');
        const [order] = await loadLiveOrders(
          tx,
          and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId), eq(orders.tableId, tableId)),
        );
        if (!order) throw notFound('order');
        const rows = await tx
          .select()
          .from(orderItems)
          .where(eq(orderItems.orderId, orderId))
          .orderBy(asc(orderItems.lineNo));
        const now = clock.now();
        const reason = body.reason?.trim() || null;
        const voided: Array<(typeof rows)[number] & { voidNow: number }> = [];
        for (const wanted of body.items) {
          const row = rows.find((item) => item.id.toLowerCase() === wanted.itemId.toLowerCase());
          if (!row) throw notFound('order item');
          const left = row.quantity - row.voidedQuantity;
          if (wanted.quantity > left) {
            throw conflict('VOID_EXCEEDS_QUANTITY', `Only ${left} of "${row.name}" can still be voided`, {
              itemId: row.id,
              remaining: left,
            });
          }
          voided.push({ ...row, voidNow: wanted.quantity });
        }
        for (const row of voided) {
          const voidedQuantity = row.voidedQuantity + row.voidNow;
          const entry: ItemVoid = {
            quantity: row.voidNow,
            reason,
            at: now.toISOString(),
            adminId: actor.adminId,
            username: actor.username,
          };
          await tx
            .update(orderItems)
            .set({
              voidedQuantity,
              subtotal: row.unitPrice * (row.quantity - voidedQuantity),
              voids: [...row.voids, entry],
              ...(voidedQuantity >= row.quantity && row.doneAt === null ? { doneAt: now } : {}),
            })
            .where(eq(orderItems.id, row.id));
        }
        const after = await tx
          .select({
            subtotal: orderItems.subtotal,
            quantity: orderItems.quantity,
            voidedQuantity: orderItems.voidedQuantity,
            doneAt: orderItems.doneAt,
          })
          .from(orderItems)
          .where(eq(orderItems.orderId, orderId));
        const totalAmount = after.reduce((sum, line) => sum + line.subtotal, 0);
        const allDone = after.every((line) => line.doneAt !== null || line.voidedQuantity >= line.quantity);
        await tx
          .update(orders)
          .set({ totalAmount, updatedAt: now, ...(allDone ? { status: 'completed' as const } : {}) })
          .where(eq(orders.id, orderId));
        const [changed] = await loadLiveOrders(tx, eq(orders.id, orderId));
        if (!changed) throw notFound('order');
        const [store] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, actor.storeId));
        const queued = await queueTickets(tx, {
          storeId: actor.storeId,
          storeName: store?.name ?? '',
          order: changed,
          lines: voided.map((row) => ({ ...row, quantity: row.voidNow })),
          kind: 'void',
          reason,
        });
        await logVisit(tx, {
          storeId: actor.storeId,
          sessionId: changed.sessionId,
          kind: 'voided',
          data: {
            orderId,
            orderNo: changed.orderNo,
            reason,
            items: voided.map((row) => ({ itemId: row.id, name: row.name, quantity: row.voidNow })),
            amount: voided.reduce((sum, row) => sum + row.unitPrice * row.voidNow, 0),
          },
          by: actor,
          now,
        });
        emit({
          type: 'order.updated',
          tableId: changed.tableId,
          sessionId: changed.sessionId,
          data: { order: changed },
        });
        if (queued > 0) emit({ type: 'print.requested', data: { orderId, stationId: null } });
        return changed;
      }),
    );
  }

  /**
   * Moves one live order to another table's open visit (opened if none). It keeps its id, number
   * and lines; nothing prints again. Both tables are locked by ascending id.
   */
  async function moveOrder(actor: StaffActor, orderId: string, toTableId: string): Promise<Order> {
    const result = await retryConflicts(() =>
      events.transaction(actor.storeId, async (tx, emit) => {
        const fromTableId = await tableOfOrder(tx, actor.storeId, orderId);
        if (fromTableId.toLowerCase() === toTableId.toLowerCase()) {
          throw badRequest('BAD_REQUEST', 'The order is already at this table');
        }
        const [from, to] = await lockTables(tx, actor.storeId, [fromTableId, toTableId]);
        if (!to) throw notFound('table');
        if (!from) throw notFound('order');
        const [order] = await loadLiveOrders(
          tx,
          and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId), eq(orders.tableId, from.id)),
        );
        // Moved or archived while we waited for the locks: the caller looks again.
        if (!order) throw notFound('order');
        const now = clock.now();
        const { session: open, closed } = await currentSession(
          tx,
          emit,
          { storeId: actor.storeId, table: to },
          now,
          limits,
        );
        if (closed) metrics.sessionsClosed.inc({ reason: closed });
        const target =
          open ??
          (await openSession(tx, emit, { storeId: actor.storeId, table: to }, { now, openedBy: 'staff', by: actor }));
        await tx
          .update(orders)
          .set({ tableId: to.id, tableNumber: to.number, sessionId: target.id, updatedAt: now })
          .where(eq(orders.id, orderId));
        const [moved] = await loadLiveOrders(tx, eq(orders.id, orderId));
        if (!moved) throw notFound('order');
        const story = {
          orderId,
          orderNo: order.orderNo,
          amount: order.totalAmount,
          fromTableId: from.id,
          fromTableNumber: from.number,
          toTableId: to.id,
          toTableNumber: to.number,
        };
        await logVisit(tx, {
          storeId: actor.storeId,
          sessionId: order.sessionId,
          kind: 'order-moved',
          data: { ...story, direction: 'out' },
          by: actor,
          now,
        });
        await logVisit(tx, {
          storeId: actor.storeId,
          sessionId: target.id,
          kind: 'order-moved',
          data: { ...story, direction: 'in' },
          by: actor,
          now,
        });
        emit({
          type: 'order.moved',
          tableId: to.id,
          otherTableIds: [from.id],
          sessionId: target.id,
          data: { order: moved, fromTableId: from.id },
        });
        return moved;
      }),
    );
    return result;
  }

  return { voidItems, moveOrder };
}

export type OrderChanges = ReturnType<typeof createOrderChanges>;
