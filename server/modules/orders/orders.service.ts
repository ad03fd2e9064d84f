import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { CreateOrderBody, Order, OrderItem, OrderStatus } from '../../../contract/orders.js';
import type { Db, Tx } from '../../db/client.js';
import { executeNamed, rowsOf } from '../../db/client.js';
import { idempotencyKeys, menus, orderItems, orders, stores, tableSessions } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound, validationFailed } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { archiveOrders } from '../sessions/sessions.archive.js';
import { toTable } from '../sessions/sessions.dto.js';
import {
  closeSession,
  expiryReason,
  type LockedTable,
  lockTable,
  readOpenSession,
  type SessionLimits,
} from '../sessions/sessions.service.js';
import { findTableOrder, loadLiveOrders } from './orders.read.js';

/** Statuses an order may come from to reach each status: forward only, skipping allowed. */
const ALLOWED_FROM: Record<OrderStatus, OrderStatus[]> = {
  pending: [],
  preparing: ['pending'],
  completed: ['pending', 'preparing'],
};

export interface CreateOrderInput {
  storeId: string;
  tableId: string;
  items: CreateOrderBody['items'];
  idempotencyKey?: string | undefined;
}

export interface StaffActor {
  storeId: string;
  adminId: string;
  username: string;
}

/** Lines priced from the database; the client only ever sends menu ids and quantities. */
type PricedLine = OrderItem;

export function createOrdersService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
}) {
  const { db, events, clock, limits, metrics } = deps;

  // The two reads before every order's transaction, prepared once (named statements on PostgreSQL).
  const orderedMenus = db
    .select({ id: menus.id, name: menus.name, price: menus.price, isAvailable: menus.isAvailable })
    .from(menus)
    .where(
      and(
        eq(menus.storeId, sql.placeholder('storeId')),
        sql`${menus.id} = any(${sql.placeholder('menuIds')}::uuid[])`,
        isNull(menus.deletedAt),
      ),
    )
    .prepare('orders_ordered_menus');
  const keyOfTable = db
    .select({ requestHash: idempotencyKeys.requestHash, orderId: idempotencyKeys.orderId })
    .from(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.tableId, sql.placeholder('tableId')), eq(idempotencyKeys.key, sql.placeholder('key'))),
    )
    .prepare('orders_idempotency_key');

  /**
   * Places a table's order. Answers `replayed: true` with the original order when the same
   * Idempotency-Key came from this table before with the same body (nothing is created).
   *
   * The hot path: menus and the key are read before the transaction; inside it the table row is
   * locked first (ordering and closing a table serialize on it), an expired session is closed
   * lazily, and one statement writes the session, the order number, the order and its items —
   * the store row (order numbers, event cursors) is locked there, as late as possible.
   */
  async function create(input: CreateOrderInput): Promise<{ order: Order; replayed: boolean }> {
    const { storeId, tableId, idempotencyKey } = input;
    const items = input.items.map((item) => ({ menuId: item.menuId.toLowerCase(), quantity: item.quantity }));
    const requestHash = createHash('sha256').update(JSON.stringify(items)).digest('hex');

    const [menuRows, previous] = await Promise.all([
      orderedMenus.execute({ storeId, menuIds: [...new Set(items.map((item) => item.menuId))] }),
      idempotencyKey ? findKey(tableId, idempotencyKey) : undefined,
    ]);
    if (previous) return { order: await replay(storeId, tableId, previous, requestHash), replayed: true };

    const lines = priceLines(items, menuRows);
    const totalAmount = lines.reduce((sum, line) => sum + line.subtotal, 0);
    const orderId = randomUUID();

    const outcome = await events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) throw notFound('table');
      // Read under the lock: a table's orders get increasing times, and expiry is judged as of now.
      const now = clock.now();
      if (idempotencyKey) {
        // A concurrent retry with the same key waits on the table lock, then finds the key taken.
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ tableId, key: idempotencyKey, requestHash, orderId, createdAt: now })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key })
          .prepare('orders_claim_key')
          .execute();
        if (claimed.length === 0) return { kind: 'replay' as const };
      }

      let session = await readOpenSession(tx, tableId);
      let closedReason: 'idle' | 'expired' | null = null;
      if (session) {
        closedReason = expiryReason(session, now, limits);
        if (closedReason) {
          await closeSession(tx, emit, { storeId, table, sessionId: session.id }, closedReason, now);
          session = undefined;
        }
      }
      const sessionId = session?.id ?? randomUUID();
      const orderNo = await insertOrder(tx, { storeId, table, sessionId, opensSession: !session, orderId, lines, now });
      const order: Order = {
        id: orderId,
        orderNo,
        tableId,
        tableNumber: table.number,
        sessionId,
        status: 'pending',
        totalAmount,
        createdAt: now.toISOString(),
        items: lines,
      };
      if (!session) emit({ type: 'table.updated', data: { table: toTable(table, { id: sessionId, openedAt: now }) } });
      emit({ type: 'order.created', tableId, data: { order } });
      return { kind: 'created' as const, order, closedReason };
    });

    if (outcome.kind === 'replay') {
      const taken = idempotencyKey ? await findKey(tableId, idempotencyKey) : undefined;
      if (!taken) throw new Error('idempotency key vanished while replaying');
      return { order: await replay(storeId, tableId, taken, requestHash), replayed: true };
    }
    if (outcome.closedReason) metrics.sessionsClosed.inc({ reason: outcome.closedReason });
    metrics.ordersCreated.inc();
    return { order: outcome.order, replayed: false };
  }

  async function findKey(tableId: string, key: string) {
    const [row] = await keyOfTable.execute({ tableId, key });
    return row;
  }

  async function replay(
    storeId: string,
    tableId: string,
    previous: { requestHash: string; orderId: string },
    requestHash: string,
  ): Promise<Order> {
    if (previous.requestHash !== requestHash) {
      throw conflict(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different order; send a new key for a new order',
      );
    }
    const order = await findTableOrder(db, storeId, tableId, previous.orderId);
    if (!order) throw new Error(`order ${previous.orderId} of an idempotency key is missing`);
    return order;
  }

  /** Staff move an order forward through the kitchen. */
  async function updateStatus(actor: StaffActor, orderId: string, status: OrderStatus): Promise<Order> {
    return events.transaction(actor.storeId, async (tx, emit) => {
      await lockOrderTable(tx, actor.storeId, orderId);
      const [updated] = await tx
        .update(orders)
        .set({ status, updatedAt: clock.now() })
        .where(
          and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId), inArray(orders.status, ALLOWED_FROM[status])),
        )
        .returning({ id: orders.id });
      if (!updated) {
        const [current] = await tx
          .select({ status: orders.status })
          .from(orders)
          .where(and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId)));
        if (!current) throw notFound('order');
        throw conflict('ORDER_TRANSITION', `An order cannot go from ${current.status} to ${status}`, {
          from: current.status,
          to: status,
        });
      }
      const [order] = await loadLiveOrders(tx, eq(orders.id, orderId));
      if (!order) throw notFound('order');
      emit({ type: 'order.updated', tableId: order.tableId, data: { order } });
      return order;
    });
  }

  /**
   * Staff delete an order: it leaves the live table and its total at once and is kept in
   * history with who deleted it and when.
   */
  async function remove(actor: StaffActor, orderId: string): Promise<void> {
    await events.transaction(actor.storeId, async (tx, emit) => {
      const table = await lockOrderTable(tx, actor.storeId, orderId);
      const archived = await archiveOrders(tx, {
        storeId: actor.storeId,
        match: eq(orders.id, orderId),
        now: clock.now(),
        deletedBy: { adminId: actor.adminId, username: actor.username },
      });
      if (archived.length === 0) throw notFound('order');
      emit({ type: 'order.deleted', tableId: table.id, data: { orderId, tableId: table.id } });
    });
  }

  /**
   * Locks the table of a live order, so the order cannot be archived by a closing session while
   * staff change it. The order may still be gone once the lock is ours; callers check again.
   */
  async function lockOrderTable(tx: Tx, storeId: string, orderId: string): Promise<LockedTable> {
    const [found] = await tx
      .select({ tableId: orders.tableId })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.storeId, storeId)));
    if (!found) throw notFound('order');
    const table = await lockTable(tx, storeId, found.tableId);
    if (!table) throw notFound('order');
    return table;
  }

  /** Forgets idempotency keys older than `olderThan`; returns how many. */
  async function pruneIdempotencyKeys(olderThan: Date): Promise<number> {
    const deleted = await db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, olderThan))
      .returning({ key: idempotencyKeys.key });
    return deleted.length;
  }

  return { create, updateStatus, remove, pruneIdempotencyKeys };
}

export type OrdersService = ReturnType<typeof createOrdersService>;

/**
 * Prices the lines from the store's menu. Unknown, deleted or other-store dishes → 400 naming
 * the lines; sold-out dishes → 409 naming them.
 */
function priceLines(
  items: Array<{ menuId: string; quantity: number }>,
  menuRows: Array<{ id: string; name: string; price: number; isAvailable: boolean }>,
): PricedLine[] {
  const byId = new Map(menuRows.map((menu) => [menu.id, menu]));
  const unknown = items.flatMap((item, index) => (byId.has(item.menuId) ? [] : [{ index, menuId: item.menuId }]));
  if (unknown.length > 0) {
    throw validationFailed(
      `Unknown menu on ${unknown.map((line) => `items[${line.index}]`).join(', ')}: the dish does not exist in this store`,
      {
        fields: unknown.map((line) => ({ path: `body.items.${line.index}.menuId`, message: 'unknown menu' })),
      },
    );
  }
  const soldOut = [...new Map(menuRows.filter((menu) => !menu.isAvailable).map((menu) => [menu.id, menu])).values()];
  if (soldOut.length > 0) {
    throw conflict('MENU_SOLD_OUT', `Sold out: ${soldOut.map((menu) => menu.name).join(', ')}`, {
      menus: soldOut.map((menu) => ({ menuId: menu.id, name: menu.name })),
    });
  }
  return items.map((item) => {
    const menu = byId.get(item.menuId);
    if (!menu) throw new Error('priced a line without its menu');
    return {
      menuId: menu.id,
      name: menu.name,
      unitPrice: menu.price,
      quantity: item.quantity,
      subtotal: menu.price * item.quantity,
    };
  });
}

/**
 * Writes the order in one statement: opens the session (or records its last order), takes the
 * next order number from the store row — whose lock is held from here to the commit, so numbers
 * are unique and increasing — and inserts the order and its items. Returns the order number.
 */
async function insertOrder(
  tx: Tx,
  args: {
    storeId: string;
    table: LockedTable;
    sessionId: string;
    opensSession: boolean;
    orderId: string;
    lines: PricedLine[];
    now: Date;
  },
): Promise<number> {
  const { storeId, table, sessionId, orderId, lines } = args;
  const now = args.now.toISOString();
  const total = lines.reduce((sum, line) => sum + line.subtotal, 0);
  const itemsJson = JSON.stringify(
    lines.map((line, index) => ({
      line_no: index + 1,
      menu_id: line.menuId,
      name: line.name,
      unit_price: line.unitPrice,
      quantity: line.quantity,
      subtotal: line.subtotal,
    })),
  );
  const session = args.opensSession
    ? sql`INSERT INTO ${tableSessions} (id, store_id, table_id, opened_at, last_order_at)
          VALUES (${sessionId}::uuid, ${storeId}::uuid, ${table.id}::uuid, ${now}::timestamptz, ${now}::timestamptz)
          RETURNING id`
    : sql`UPDATE ${tableSessions} SET last_order_at = GREATEST(last_order_at, ${now}::timestamptz)
          WHERE id = ${sessionId}::uuid RETURNING id`;
  // Two texts (a new session or the open one), each a named statement.
  const result = await executeNamed(
    tx,
    args.opensSession ? 'orders_insert_new_session' : 'orders_insert',
    sql`
    WITH s AS (${session}),
    n AS (
      UPDATE ${stores} SET last_order_no = last_order_no + 1 WHERE id = ${storeId}::uuid RETURNING last_order_no
    ),
    o AS (
      INSERT INTO ${orders} (id, store_id, table_id, session_id, order_no, status, total_amount, created_at, updated_at)
      SELECT ${orderId}::uuid, ${storeId}::uuid, ${table.id}::uuid, s.id, n.last_order_no, 'pending', ${total}::int,
        ${now}::timestamptz, ${now}::timestamptz
      FROM s, n
      RETURNING id, order_no
    ),
    i AS (
      INSERT INTO ${orderItems} (order_id, line_no, menu_id, name, unit_price, quantity, subtotal)
      SELECT o.id, x.line_no, x.menu_id, x.name, x.unit_price, x.quantity, x.subtotal
      FROM o, jsonb_to_recordset(${itemsJson}::jsonb)
        AS x(line_no int, menu_id uuid, name text, unit_price int, quantity int, subtotal int)
    )
    SELECT order_no FROM o`,
  );
  const [row] = rowsOf<{ order_no: number }>(result);
  if (!row) throw new Error('the order was not written');
  return Number(row.order_no);
}
