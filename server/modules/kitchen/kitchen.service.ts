import { and, asc, eq, isNull } from 'drizzle-orm';
import type { KitchenBoard, PrintResponse } from '../../../contract/kitchen.js';
import type { Order } from '../../../contract/orders.js';
import type { Db, Queryable } from '../../db/client.js';
import { orderItems, orders, stations, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { loadLiveOrders } from '../orders/orders.read.js';
import { type OrdersService, queueTickets, type StaffActor } from '../orders/orders.service.js';
import type { EventLog } from '../realtime/realtime.event-log.js';

/** Whether a line needs nothing more from its station: bumped, or voided whole. */
const isDone = (item: { doneAt: Date | null; quantity: number; voidedQuantity: number }) =>
  item.doneAt !== null || item.voidedQuantity >= item.quantity;

/** The kitchen's side of an order: the display's board, bumping a station's lines, reprints. */
export function createKitchenService(deps: { db: Db; events: EventLog; clock: Clock; orders: OrdersService }) {
  const { db, events, clock } = deps;

  /** A station of the store, deleted ones included (their lines may still be on a ticket). */
  async function findStation(q: Queryable, storeId: string, id: string) {
    const [row] = await q
      .select({ id: stations.id })
      .from(stations)
      .where(and(eq(stations.id, id), eq(stations.storeId, storeId)));
    return row;
  }

  /** Every live order of the store, oldest first: the display keeps those with its station's lines to make. */
  async function board(storeId: string): Promise<KitchenBoard> {
    const list = await loadLiveOrders(db, eq(orders.storeId, storeId));
    return { orders: list };
  }

  /**
   * A station is done with an order: its open lines are marked done. The first bump of a pending
   * order makes it `preparing`; once every line is done (a voided line counts as done) the order
   * is `completed`. Bumping again changes nothing and emits nothing.
   */
  async function bump(actor: StaffActor, orderId: string, stationId: string): Promise<Order> {
    return events.transaction(actor.storeId, async (tx, emit) => {
      await deps.orders.lockOrderTable(tx, actor.storeId, orderId);
      if (!(await findStation(tx, actor.storeId, stationId))) throw notFound('station');
      const now = clock.now();
      const bumped = await tx
        .update(orderItems)
        .set({ doneAt: now })
        .where(and(eq(orderItems.orderId, orderId), eq(orderItems.stationId, stationId), isNull(orderItems.doneAt)))
        .returning({ id: orderItems.id });
      const [row] = await tx
        .select({ status: orders.status })
        .from(orders)
        .where(and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId), isNull(orders.archivedAt)));
      if (!row) throw notFound('order');
      const lines = await tx
        .select({ doneAt: orderItems.doneAt, quantity: orderItems.quantity, voidedQuantity: orderItems.voidedQuantity })
        .from(orderItems)
        .where(eq(orderItems.orderId, orderId))
        .orderBy(asc(orderItems.lineNo));
      let status = row.status;
      if (lines.every(isDone)) status = 'completed';
      else if (bumped.length > 0 && status === 'pending') status = 'preparing';
      if (status !== row.status) {
        await tx.update(orders).set({ status, updatedAt: now }).where(eq(orders.id, orderId));
      }
      const [order] = await loadLiveOrders(tx, eq(orders.id, orderId));
      if (!order) throw notFound('order');
      if (bumped.length > 0 || status !== row.status) {
        emit({ type: 'order.updated', tableId: order.tableId, sessionId: order.sessionId, data: { order } });
      }
      return order;
    });
  }

  /**
   * Prints an order's tickets again (one station's, or every station's): jobs of kind `reprint`
   * with what is left of each line after voids, and `print.requested` to wake the print agent.
   */
  async function reprint(actor: StaffActor, orderId: string, stationId: string | undefined): Promise<PrintResponse> {
    return events.transaction(actor.storeId, async (tx, emit) => {
      const [order] = await loadLiveOrders(tx, and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId)));
      if (!order) throw notFound('order');
      if (stationId && !(await findStation(tx, actor.storeId, stationId))) throw notFound('station');
      const [store] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, actor.storeId));
      const rows = await tx
        .select()
        .from(orderItems)
        .where(eq(orderItems.orderId, orderId))
        .orderBy(asc(orderItems.lineNo));
      // What is still to be made: voided quantities are not printed again.
      const lines = rows
        .filter((item) => item.quantity > item.voidedQuantity)
        .map((item) => ({ ...item, quantity: item.quantity - item.voidedQuantity }));
      const queued = await queueTickets(tx, {
        storeId: actor.storeId,
        storeName: store?.name ?? '',
        order,
        lines,
        kind: 'reprint',
        ...(stationId ? { onlyStationId: stationId } : {}),
      });
      if (queued > 0) emit({ type: 'print.requested', data: { orderId, stationId: stationId ?? null } });
      return { queued };
    });
  }

  return { board, bump, reprint };
}

export type KitchenService = ReturnType<typeof createKitchenService>;
