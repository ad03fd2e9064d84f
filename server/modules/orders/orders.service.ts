import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Order, OrderLine, OrderSource, OrderStatus } from '../../../contract/orders.js';
import { statusesBefore } from '../../../contract/orders.js';
import type { Db, Tx } from '../../db/client.js';
import { executeNamed, rowsOf } from '../../db/client.js';
import {
  cartLines,
  carts,
  idempotencyKeys,
  orderItems,
  orders,
  printJobs,
  stores,
  tableSessions,
} from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound, tooManyRequests, unauthorized } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { RateLimiter } from '../../lib/rate-limiter.js';
import type { Catalog, MenuCatalog } from '../menus/menus.catalog.js';
import type { Emit, EventLog } from '../realtime/realtime.event-log.js';
import { archiveOrders } from '../sessions/sessions.archive.js';
import {
  currentSession,
  type LockedTable,
  lockTable,
  openSession,
  type SessionLimits,
} from '../sessions/sessions.service.js';
import { toOrder } from './orders.dto.js';
import { type PricedLine, priceLines, requestHash } from './orders.pricing.js';
import { findOrder, loadLiveOrders } from './orders.read.js';

export interface StaffActor {
  storeId: string;
  adminId: string;
  username: string;
}

export interface PlaceOrderInput {
  storeId: string;
  tableId: string;
  source: OrderSource;
  /** The lines (omitted when ordering the shared cart). */
  items?: OrderLine[];
  note?: string | undefined;
  idempotencyKey?: string | undefined;
  /** The staff member taking a staff order. */
  staff?: StaffActor;
  /** A guest's phone orders only into the visit its token is bound to (else 401 SESSION_ENDED). */
  boundSessionId?: string;
  /** Orders the table's shared cart as it stood at `expectedVersion` and empties it, in one transaction. */
  fromCart?: { expectedVersion: number };
}

/** How many times an order is re-priced when the menu changed under it before giving up. */
const MENU_RETRIES = 3;

class MenuChanged extends Error {}

export function createOrdersService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
  catalog: MenuCatalog;
  /** Orders per table: a guard against runaway clients, far above any real table. */
  rate: RateLimiter;
}) {
  const { db, events, clock, limits, metrics, catalog } = deps;

  const keyOfTable = db
    .select({ requestHash: idempotencyKeys.requestHash, orderId: idempotencyKeys.orderId })
    .from(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.tableId, sql.placeholder('tableId')), eq(idempotencyKeys.key, sql.placeholder('key'))),
    )
    .prepare('orders_idempotency_key');

  async function findKey(tableId: string, key: string) {
    const [row] = await keyOfTable.execute({ tableId, key });
    return row;
  }

  /** A replay: the same key and body answers the original order, wherever it is now. */
  async function replay(storeId: string, taken: { requestHash: string; orderId: string | null }, hash: string) {
    if (taken.requestHash !== hash || !taken.orderId) {
      throw conflict(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request; send a new key for a new order',
      );
    }
    const order = await findOrder(db, storeId, taken.orderId);
    if (!order) throw new Error(`order ${taken.orderId} of an idempotency key is missing`);
    return order;
  }

  /**
   * Places an order: the table's tablet, a guest's phone (bound to its visit), staff taking it by
   * voice, or the table's shared cart. Priced by the server from the menu; an Idempotency-Key
   * seen before from this table with the same body answers the original order (`replayed`).
   *
   * Inside one transaction, in the lock order (the table row first, the store row last): the key
   * is claimed, an expired visit is closed and a new one opened when needed, the cart is read and
   * emptied, and one statement numbers and writes the order — only if the menu version it was
   * priced at still holds when the store row is locked, so an order never commits against a
   * sold-out or price change that committed before it (it is re-priced instead).
   */
  async function create(input: PlaceOrderInput): Promise<{ order: Order; replayed: boolean }> {
    const { storeId, tableId, idempotencyKey } = input;
    const hash = input.fromCart
      ? requestHash('checkout', [], input.note, { expectedVersion: input.fromCart.expectedVersion })
      : requestHash('order', input.items ?? [], input.note);

    const previous = idempotencyKey ? await findKey(tableId, idempotencyKey) : undefined;
    if (previous) return { order: await replay(storeId, previous, hash), replayed: true };

    const retryAfter = deps.rate.take(tableId);
    if (retryAfter !== null) {
      throw tooManyRequests('RATE_LIMITED', 'This table is ordering too fast; wait a moment', retryAfter);
    }

    for (let attempt = 1; ; attempt++) {
      const menu = await catalog.load(storeId);
      if (!menu) throw notFound('table');
      // Lines sent by the client are checked before any lock is taken; cart lines once read.
      const priced = input.fromCart ? null : priceLines(menu, input.items ?? []);
      try {
        const outcome = await placeOnce(input, menu, priced, hash);
        if (outcome.kind === 'replay') {
          const taken = idempotencyKey ? await findKey(tableId, idempotencyKey) : undefined;
          if (!taken) throw new Error('idempotency key vanished while replaying');
          return { order: await replay(storeId, taken, hash), replayed: true };
        }
        if (outcome.closed) metrics.sessionsClosed.inc({ reason: outcome.closed });
        metrics.ordersCreated.inc();
        return { order: outcome.order, replayed: false };
      } catch (err) {
        if (err instanceof MenuChanged && attempt < MENU_RETRIES) continue;
        if (err instanceof MenuChanged) {
          throw conflict('MENU_SOLD_OUT', 'The menu changed while ordering; look at it again and retry');
        }
        throw err;
      }
    }
  }

  async function placeOnce(input: PlaceOrderInput, menu: Catalog, pricedLines: PricedLine[] | null, hash: string) {
    const { storeId, tableId, idempotencyKey } = input;
    const orderId = randomUUID();
    return events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) throw notFound('table');
      // Read under the lock: a table's orders get increasing times, and expiry is judged as of now.
      const now = clock.now();
      if (idempotencyKey) {
        // A concurrent retry with the same key waits on the table lock, then finds the key taken.
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ tableId, key: idempotencyKey, requestHash: hash, orderId, createdAt: now })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (claimed.length === 0) return { kind: 'replay' as const };
      }

      let { session, closed } = await currentSession(tx, emit, { storeId, table }, now, limits);
      if (input.boundSessionId && session?.id !== input.boundSessionId) {
        throw unauthorized('This visit has ended; scan the table’s code again to order', 'SESSION_ENDED');
      }
      const lines =
        pricedLines ?? (await takeCart(tx, emit, { storeId, table, menu, input, now, sessionId: session?.id ?? null }));
      session ??= await openSession(
        tx,
        emit,
        { storeId, table },
        { now, openedBy: input.source === 'staff' ? 'staff' : 'order', by: input.staff },
      );
      const orderNo = await insertOrder(tx, {
        storeId,
        table,
        sessionId: session.id,
        orderId,
        lines,
        now,
        menuVersion: menu.version,
        note: input.note?.trim() || null,
        source: input.source,
        staff: input.staff,
      });
      const order = buildOrder({ orderId, orderNo, table, sessionId: session.id, lines, now, input });
      await queueTickets(tx, { storeId, storeName: menu.storeName, order, lines, kind: 'order' });
      emit({ type: 'order.created', tableId, sessionId: session.id, data: { order } });
      return { kind: 'created' as const, order, closed };
    });
  }

  /**
   * Reads the table's shared cart at the expected version, prices it and empties it (the caller
   * holds the table lock). 409 CART_CHANGED when someone changed it since the guest looked.
   */
  async function takeCart(
    tx: Tx,
    emit: Emit,
    args: {
      storeId: string;
      table: LockedTable;
      menu: Catalog;
      input: PlaceOrderInput;
      now: Date;
      sessionId: string | null;
    },
  ): Promise<PricedLine[]> {
    const { storeId, table, menu, input } = args;
    const expected = input.fromCart?.expectedVersion ?? 0;
    const [cart] = await tx.select({ version: carts.version }).from(carts).where(eq(carts.tableId, table.id));
    const version = cart?.version ?? 0;
    if (version !== expected) {
      throw conflict('CART_CHANGED', 'Someone changed the cart since you looked; check it and order again', {
        version,
      });
    }
    const rows = await tx
      .select()
      .from(cartLines)
      .where(eq(cartLines.tableId, table.id))
      .orderBy(cartLines.createdAt, cartLines.id);
    if (rows.length === 0) throw conflict('CART_CHANGED', 'The cart is empty', { version });
    const lines = priceLines(
      menu,
      rows.map((row) => ({
        menuId: row.menuId,
        quantity: row.quantity,
        ...(row.optionIds.length > 0 ? { optionIds: row.optionIds } : {}),
        ...(row.note ? { note: row.note } : {}),
      })),
    );
    await tx.delete(cartLines).where(eq(cartLines.tableId, table.id));
    await tx
      .update(carts)
      .set({ version: version + 1, updatedAt: args.now })
      .where(eq(carts.tableId, table.id));
    emit({
      type: 'cart.updated',
      tableId: table.id,
      sessionId: args.sessionId,
      data: { cart: { version: version + 1, items: [], totalAmount: 0 } },
    });
    return lines;
  }

  /** Staff move an order forward through the kitchen; `completed` marks every line done. */
  async function updateStatus(actor: StaffActor, orderId: string, status: OrderStatus): Promise<Order> {
    return events.transaction(actor.storeId, async (tx, emit) => {
      await lockOrderTable(tx, actor.storeId, orderId);
      const now = clock.now();
      const [updated] = await tx
        .update(orders)
        .set({ status, updatedAt: now })
        .where(
          and(
            eq(orders.id, orderId),
            eq(orders.storeId, actor.storeId),
            isNull(orders.archivedAt),
            inArray(orders.status, statusesBefore(status)),
          ),
        )
        .returning({ id: orders.id });
      if (!updated) {
        const [current] = await tx
          .select({ status: orders.status })
          .from(orders)
          .where(and(eq(orders.id, orderId), eq(orders.storeId, actor.storeId), isNull(orders.archivedAt)));
        if (!current) throw notFound('order');
        throw conflict('ORDER_TRANSITION', `An order cannot go from ${current.status} to ${status}`, {
          from: current.status,
          to: status,
        });
      }
      if (status === 'completed') {
        await tx
          .update(orderItems)
          .set({ doneAt: now })
          .where(and(eq(orderItems.orderId, orderId), isNull(orderItems.doneAt)));
      }
      const [order] = await loadLiveOrders(tx, eq(orders.id, orderId));
      if (!order) throw notFound('order');
      emit({ type: 'order.updated', tableId: order.tableId, sessionId: order.sessionId, data: { order } });
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
      const [live] = await tx
        .select({ sessionId: orders.sessionId })
        .from(orders)
        .where(and(eq(orders.id, orderId), isNull(orders.archivedAt)));
      const archived = await archiveOrders(tx, {
        storeId: actor.storeId,
        match: eq(orders.id, orderId),
        now: clock.now(),
        deletedBy: { adminId: actor.adminId, username: actor.username },
      });
      if (archived.length === 0 || !live) throw notFound('order');
      emit({
        type: 'order.deleted',
        tableId: table.id,
        sessionId: live.sessionId,
        data: { orderId, tableId: table.id },
      });
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
      .where(and(eq(orders.id, orderId), eq(orders.storeId, storeId), isNull(orders.archivedAt)));
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

  return { create, updateStatus, remove, pruneIdempotencyKeys, lockOrderTable };
}

export type OrdersService = ReturnType<typeof createOrdersService>;

function buildOrder(args: {
  orderId: string;
  orderNo: number;
  table: LockedTable;
  sessionId: string;
  lines: PricedLine[];
  now: Date;
  input: PlaceOrderInput;
}): Order {
  const { lines } = args;
  return toOrder(
    {
      id: args.orderId,
      storeId: args.input.storeId,
      tableId: args.table.id,
      tableNumber: args.table.number,
      sessionId: args.sessionId,
      orderNo: args.orderNo,
      status: 'pending',
      totalAmount: lines.reduce((sum, line) => sum + line.subtotal, 0),
      note: args.input.note?.trim() || null,
      source: args.input.source,
      createdByAdminId: args.input.staff?.adminId ?? null,
      createdByUsername: args.input.staff?.username ?? null,
      createdAt: args.now,
      updatedAt: args.now,
      archivedAt: null,
      deletedAt: null,
      deletedByAdminId: null,
      deletedByUsername: null,
    },
    lines.map((line, index) => ({
      id: line.id,
      orderId: args.orderId,
      lineNo: index + 1,
      menuId: line.menuId,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      voidedQuantity: 0,
      subtotal: line.subtotal,
      options: line.options,
      note: line.note,
      voids: [],
      stationId: line.stationId,
      doneAt: null,
    })),
  );
}

/** What a kitchen ticket shows, as the print agent renders it. */
export interface Ticket {
  storeName: string;
  tableNumber: number;
  orderNo: number;
  createdAt: string;
  source: OrderSource;
  note: string | null;
  /** For a void: why. */
  reason?: string | null;
  lines: Array<{ name: string; quantity: number; options: string[]; note: string | null }>;
}

/**
 * Writes one print job per station that has lines in the order (the order's transaction writes
 * them, so a committed order always has its tickets queued). `quantities` overrides how many of
 * each line the ticket shows (a void prints what was cancelled).
 */
export async function queueTickets(
  tx: Tx,
  args: {
    storeId: string;
    storeName: string;
    order: Order;
    lines: Array<Pick<PricedLine, 'id' | 'name' | 'quantity' | 'options' | 'note' | 'stationId'>>;
    kind: 'order' | 'reprint' | 'void' | 'move';
    reason?: string | null;
    onlyStationId?: string;
  },
): Promise<number> {
  const byStation = new Map<string, typeof args.lines>();
  for (const line of args.lines) {
    if (!line.stationId || (args.onlyStationId && line.stationId !== args.onlyStationId)) continue;
    const list = byStation.get(line.stationId) ?? [];
    list.push(line);
    byStation.set(line.stationId, list);
  }
  if (byStation.size === 0) return 0;
  const { order } = args;
  await tx.insert(printJobs).values(
    [...byStation].map(([stationId, lines]) => {
      const ticket: Ticket = {
        storeName: args.storeName,
        tableNumber: order.tableNumber,
        orderNo: order.orderNo,
        createdAt: order.createdAt,
        source: order.source,
        note: order.note,
        ...(args.kind === 'void' ? { reason: args.reason ?? null } : {}),
        lines: lines.map((line) => ({
          name: line.name,
          quantity: line.quantity,
          options: line.options.map((option) => option.name),
          note: line.note,
        })),
      };
      return { storeId: args.storeId, stationId, orderId: order.id, kind: args.kind, ticket: { ...ticket } };
    }),
  );
  return byStation.size;
}

/**
 * Writes the order in one statement: records the session's last order, takes the next order
 * number from the store row — whose lock is held from here to the commit, so numbers are unique
 * and increasing — and inserts the order and its lines, but only while the store's menu version
 * is still the one the order was priced at (else MenuChanged: re-price and retry).
 */
async function insertOrder(
  tx: Tx,
  args: {
    storeId: string;
    table: LockedTable;
    sessionId: string;
    orderId: string;
    lines: PricedLine[];
    now: Date;
    menuVersion: number;
    note: string | null;
    source: OrderSource;
    staff: StaffActor | undefined;
  },
): Promise<number> {
  const { storeId, table, sessionId, orderId, lines } = args;
  const now = args.now.toISOString();
  const total = lines.reduce((sum, line) => sum + line.subtotal, 0);
  const itemsJson = JSON.stringify(
    lines.map((line, index) => ({
      id: line.id,
      line_no: index + 1,
      menu_id: line.menuId,
      name: line.name,
      unit_price: line.unitPrice,
      quantity: line.quantity,
      subtotal: line.subtotal,
      options: line.options,
      note: line.note,
      station_id: line.stationId,
    })),
  );
  const result = await executeNamed(
    tx,
    'orders_insert',
    sql`
    WITH s AS (
      UPDATE ${tableSessions} SET last_order_at = GREATEST(last_order_at, ${now}::timestamptz)
      WHERE id = ${sessionId}::uuid RETURNING id
    ),
    n AS (
      UPDATE ${stores} SET last_order_no = last_order_no + 1 WHERE id = ${storeId}::uuid
      RETURNING last_order_no, menu_version
    ),
    o AS (
      INSERT INTO ${orders} (id, store_id, table_id, table_number, session_id, order_no, status, total_amount, note,
        source, created_by_admin_id, created_by_username, created_at, updated_at)
      SELECT ${orderId}::uuid, ${storeId}::uuid, ${table.id}::uuid, ${table.number}::int, s.id, n.last_order_no,
        'pending', ${total}::bigint, ${args.note}::text, ${args.source}::text, ${args.staff?.adminId ?? null}::uuid,
        ${args.staff?.username ?? null}::text, ${now}::timestamptz, ${now}::timestamptz
      FROM s, n
      WHERE n.menu_version = ${args.menuVersion}::int
      RETURNING id, order_no
    ),
    i AS (
      INSERT INTO ${orderItems} (id, order_id, line_no, menu_id, name, unit_price, quantity, subtotal, options, note,
        station_id)
      SELECT x.id, o.id, x.line_no, x.menu_id, x.name, x.unit_price, x.quantity, x.subtotal, x.options, x.note,
        x.station_id
      FROM o, jsonb_to_recordset(${itemsJson}::jsonb)
        AS x(id uuid, line_no int, menu_id uuid, name text, unit_price bigint, quantity int, subtotal bigint,
          options jsonb, note text, station_id uuid)
    )
    SELECT o.order_no FROM o`,
  );
  const [row] = rowsOf<{ order_no: number }>(result);
  if (!row) throw new MenuChanged();
  return Number(row.order_no);
}
