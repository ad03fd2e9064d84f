import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Order, OrderLine, OrderSource, OrderStatus } from '../../../contract/orders.js';
import { statusesBefore } from '../../../contract/orders.js';
import { type Db, executeNamed, rowsOf, type Tx } from '../../db/client.js';
import { cartLines, carts, idempotencyKeys, orders, printJobs } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound, tooManyRequests, unauthorized } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { RateLimiter } from '../../lib/rate-limiter.js';
import type { Catalog, MenuCatalog } from '../menus/menus.catalog.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { archiveOrders } from '../sessions/sessions.archive.js';
import { type LockedTable, lockTable, type SessionLimits } from '../sessions/sessions.service.js';
import { toOrder } from './orders.dto.js';
import { type PricedLine, priceLines, requestHash } from './orders.pricing.js';
import { findOrder } from './orders.read.js';
import type { OrderWriter, PlaceRequest } from './orders.writer.js';

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

const cartChanged = (version: number) =>
  conflict('CART_CHANGED', 'Someone changed the cart since you looked; check it and order again', { version });

export function createOrdersService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
  catalog: MenuCatalog;
  /** Orders per table: a guard against runaway clients, far above any real table. */
  rate: RateLimiter;
  /** Writes orders, one database call per batch. */
  writer: OrderWriter;
  /** Closes a table's visit that outlived its limits (the writer never closes one itself). */
  closeIfExpired: (storeId: string, tableId: string) => Promise<unknown>;
}) {
  const { db, events, clock, limits, metrics, catalog, writer, closeIfExpired } = deps;

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
   * voice, or the table's shared cart. Priced here from the menu catalog (kept in memory per menu
   * version); written by one call to the database (orders.writer.ts, group commit), which claims
   * the Idempotency-Key, locks the table, opens the visit when needed, takes the cart, numbers the
   * order and writes it with its lines, tickets and events — only while the menu version it was
   * priced at still holds, else it is re-priced. A key seen before from this table with the same
   * body answers the original order (`replayed`), wherever it is now.
   */
  async function create(input: PlaceOrderInput): Promise<{ order: Order; replayed: boolean }> {
    const { storeId, tableId, idempotencyKey } = input;
    const hash = input.fromCart
      ? requestHash('checkout', [], input.note, { expectedVersion: input.fromCart.expectedVersion })
      : requestHash('order', input.items ?? [], input.note);
    const replayIfKnown = async () => {
      const taken = idempotencyKey ? await findKey(tableId, idempotencyKey) : undefined;
      return taken ? { order: await replay(storeId, taken, hash), replayed: true } : undefined;
    };

    const retryAfter = deps.rate.take(tableId);
    if (retryAfter !== null) {
      throw tooManyRequests('RATE_LIMITED', 'This table is ordering too fast; wait a moment', retryAfter);
    }

    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const menu = await catalog.load(storeId, { fresh });
      if (!menu) throw notFound('table');
      let lines: PricedLine[];
      try {
        lines = input.fromCart ? await pricedCart(menu, input) : priceLines(menu, input.items ?? []);
      } catch (err) {
        // A retry of an order that went through answers that order, whatever the menu says now.
        const replayed = await replayIfKnown();
        if (replayed) return replayed;
        throw err;
      }
      const result = await writer.submit(placeRequest(input, menu, lines, hash));
      switch (result.status) {
        case 'created':
          metrics.ordersCreated.inc();
          return { order: result.order, replayed: false };
        case 'replay':
          return {
            order: await replay(storeId, { requestHash: result.hash, orderId: result.order_id }, hash),
            replayed: true,
          };
        case 'no_table':
          throw notFound('table');
        case 'session_ended':
          throw unauthorized('This visit has ended; scan the table’s code again to order', 'SESSION_ENDED');
        case 'cart_changed':
          throw cartChanged(await cartVersion(tableId));
        case 'session_expired':
          await closeIfExpired(storeId, tableId);
          if (attempt < MENU_RETRIES + 2) continue;
          break;
        case 'menu_changed':
          fresh = true;
          if (attempt < MENU_RETRIES) continue;
          throw conflict('MENU_SOLD_OUT', 'The menu changed while ordering; look at it again and retry');
      }
      throw new Error(`ordering gave up after ${attempt} attempts (${result.status})`);
    }
  }

  /** The shared cart priced as it stands, if it is still the version the guest saw (else 409). */
  async function pricedCart(menu: Catalog, input: PlaceOrderInput): Promise<PricedLine[]> {
    const expected = input.fromCart?.expectedVersion ?? 0;
    const version = await cartVersion(input.tableId);
    if (version !== expected) throw cartChanged(version);
    const rows = await db
      .select()
      .from(cartLines)
      .where(eq(cartLines.tableId, input.tableId))
      .orderBy(cartLines.createdAt, cartLines.id);
    if (rows.length === 0) throw conflict('CART_CHANGED', 'The cart is empty', { version });
    return priceLines(
      menu,
      rows.map((row) => ({
        menuId: row.menuId,
        quantity: row.quantity,
        ...(row.optionIds.length > 0 ? { optionIds: row.optionIds } : {}),
        ...(row.note ? { note: row.note } : {}),
      })),
    );
  }

  async function cartVersion(tableId: string): Promise<number> {
    const [cart] = await db.select({ version: carts.version }).from(carts).where(eq(carts.tableId, tableId));
    return cart?.version ?? 0;
  }

  /** What the ordering function needs to write one order. */
  function placeRequest(input: PlaceOrderInput, menu: Catalog, lines: PricedLine[], hash: string): PlaceRequest {
    const now = clock.now();
    const orderId = randomUUID();
    const note = input.note?.trim() || null;
    const order = buildOrder({
      orderId,
      orderNo: 0,
      table: { id: input.tableId, number: 0 },
      sessionId: '',
      lines,
      now,
      input,
    });
    const { orderNo: _no, sessionId: _session, tableNumber: _number, ...partial } = order;
    return {
      store_id: input.storeId,
      table_id: input.tableId,
      order_id: orderId,
      session_id: randomUUID(),
      key: input.idempotencyKey ?? null,
      hash,
      menu_version: menu.version,
      now: now.toISOString(),
      now_iso: now.toISOString(),
      expire_ms: limits.sessionExpireHours * 3_600_000,
      idle_ms: limits.sessionLastOrderTimeoutHours * 3_600_000,
      bound_session: input.boundSessionId ?? null,
      cart_version: input.fromCart ? input.fromCart.expectedVersion : null,
      source: input.source,
      note,
      staff_id: input.staff?.adminId ?? null,
      staff_name: input.staff?.username ?? null,
      total: order.totalAmount,
      lines: lines.map((line, index) => ({
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
      tickets: ticketsOf({ storeName: menu.storeName, order, lines, kind: 'order' }).map((t) => ({
        station_id: t.stationId,
        ticket: { ...t.ticket },
      })),
      order: partial,
    };
  }

  /**
   * Staff move an order forward through the kitchen; `completed` marks every line done. One call
   * to the database (tableorder_update_status_v1), which takes the table lock and writes the event.
   */
  async function updateStatus(actor: StaffActor, orderId: string, status: OrderStatus): Promise<Order> {
    const now = clock.now();
    const result = await executeNamed(
      db,
      'orders_update_status_v1',
      sql`SELECT tableorder_update_status_v1(${actor.storeId}::uuid, ${orderId}::uuid, ${status}::text,
        ${`{${statusesBefore(status).join(',')}}`}::text[], ${now.toISOString()}::timestamptz) AS r`,
    );
    const [row] = rowsOf<{ r: unknown }>(result);
    const answer = (typeof row?.r === 'string' ? JSON.parse(row.r) : row?.r) as
      | { status: 'updated'; order: Order; seq: number | string }
      | { status: 'not_found' }
      | { status: 'transition'; from: OrderStatus };
    if (answer.status === 'not_found') throw notFound('order');
    if (answer.status === 'transition') {
      throw conflict('ORDER_TRANSITION', `An order cannot go from ${answer.from} to ${status}`, {
        from: answer.from,
        to: status,
      });
    }
    await events.committed([
      {
        storeId: actor.storeId,
        seq: Number(answer.seq),
        tableId: answer.order.tableId,
        otherTableIds: [],
        sessionId: answer.order.sessionId,
        type: 'order.updated',
        data: { order: answer.order },
        createdAt: now.toISOString(),
      },
    ]);
    return answer.order;
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

/** A kitchen ticket per station that has lines in the order (`onlyStationId`: just that one). */
export function ticketsOf(args: {
  storeName: string;
  order: Order;
  lines: Array<Pick<PricedLine, 'id' | 'name' | 'quantity' | 'options' | 'note' | 'stationId'>>;
  kind: 'order' | 'reprint' | 'void' | 'move';
  reason?: string | null;
  onlyStationId?: string;
}): Array<{ stationId: string; ticket: Ticket }> {
  const byStation = new Map<string, typeof args.lines>();
  for (const line of args.lines) {
    if (!line.stationId || (args.onlyStationId && line.stationId !== args.onlyStationId)) continue;
    const list = byStation.get(line.stationId) ?? [];
    list.push(line);
    byStation.set(line.stationId, list);
  }
  const { order } = args;
  return [...byStation].map(([stationId, lines]) => ({
    stationId,
    ticket: {
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
    },
  }));
}

/**
 * Writes one print job per station that has lines in the order, in the caller's transaction (a
 * committed change always has its tickets queued): reprints, voids (what was cancelled) and moves.
 * New orders get theirs from the ordering function.
 */
export async function queueTickets(
  tx: Tx,
  args: Parameters<typeof ticketsOf>[0] & { storeId: string },
): Promise<number> {
  const tickets = ticketsOf(args);
  if (tickets.length === 0) return 0;
  await tx.insert(printJobs).values(
    tickets.map(({ stationId, ticket }) => ({
      storeId: args.storeId,
      stationId,
      orderId: args.order.id,
      kind: args.kind,
      ticket: { ...ticket },
    })),
  );
  return tickets.length;
}
