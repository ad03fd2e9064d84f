import { and, asc, eq, sql } from 'drizzle-orm';
import type { AddCartItemBody, Cart, CheckoutBody } from '../../../contract/guests.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, type Order } from '../../../contract/orders.js';
import type { Db, Tx } from '../../db/client.js';
import { cartLines, carts, menus, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound, tooManyRequests, unauthorized, validationFailed } from '../../lib/errors.js';
import type { RateLimiter } from '../../lib/rate-limiter.js';
import { priceCart, readCartLines } from '../menus/menus.cart-pricing.js';
import { type Catalog, type MenuCatalog, readCatalog } from '../menus/menus.catalog.js';
import { normaliseLine, priceLines } from '../orders/orders.pricing.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Emit, EventLog } from '../realtime/realtime.event-log.js';
import { currentSession, lockTable, type SessionLimits } from '../sessions/sessions.service.js';

/** Who is changing a table's cart: its tablet or a guest's phone bound to a visit. */
export interface CartActor {
  storeId: string;
  tableId: string;
  /** A guest's phone writes only while its visit is the table's open one (else 401 SESSION_ENDED). */
  boundSessionId?: string | undefined;
  addedBy: { kind: 'table' | 'guest'; label: string };
}

const visitEnded = () =>
  unauthorized('This visit has ended; scan the table’s code again when you sit down', 'SESSION_ENDED');

const sameOptions = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The table's one shared cart (DESIGN §12, §14 "Shared cart"): the tablet and every phone at the
 * table fill it together. Every change locks the table row first, checks a phone's visit under
 * that lock, bumps the cart's version and tells the table (`cart.updated`) in its transaction.
 */
export function createCartsService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  catalog: MenuCatalog;
  orders: OrdersService;
  /** Cart changes per table: a guard against runaway clients, far above any real table. */
  rate: RateLimiter;
}) {
  const { db, events, clock, limits, catalog, orders } = deps;

  async function menuOf(storeId: string): Promise<Catalog> {
    const menu = await catalog.load(storeId);
    if (!menu) throw notFound('table');
    return menu;
  }

  /** The cart as it stands, priced from the menu as it is now; one statement, so one snapshot. */
  async function read(actor: Pick<CartActor, 'storeId' | 'tableId'>): Promise<Cart> {
    const menu = await menuOf(actor.storeId);
    const rows = await db
      .select({ version: carts.version, line: cartLines, menuName: menus.name })
      .from(carts)
      .leftJoin(cartLines, eq(cartLines.tableId, carts.tableId))
      .leftJoin(menus, eq(menus.id, cartLines.menuId))
      .where(and(eq(carts.tableId, actor.tableId), eq(carts.storeId, actor.storeId)))
      .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
    const version = rows[0]?.version ?? 0;
    const lines = rows.flatMap((row) => (row.line ? [{ ...row.line, menuName: row.menuName }] : []));
    return priceCart(menu, version, lines);
  }

  /**
   * Runs one change of the cart: rate, table lock, the phone's visit, the change, the new version,
   * the event. Answers the cart after the change.
   */
  async function edit(actor: CartActor, change: (tx: Tx, now: Date) => Promise<void>): Promise<Cart> {
    const retryAfter = deps.rate.take(actor.tableId);
    if (retryAfter !== null) {
      throw tooManyRequests('RATE_LIMITED', 'This table is changing its cart too fast; wait a moment', retryAfter);
    }
    const menu = await menuOf(actor.storeId);
    return events.transaction(actor.storeId, async (tx, emit: Emit) => {
      const table = await lockTable(tx, actor.storeId, actor.tableId);
      if (!table) throw notFound('table');
      const now = clock.now();
      const { session } = await currentSession(tx, emit, { storeId: actor.storeId, table }, now, limits);
      if (actor.boundSessionId !== undefined && session?.id !== actor.boundSessionId) throw visitEnded();
      await tx.insert(carts).values({ tableId: table.id, storeId: actor.storeId }).onConflictDoNothing();
      const [bumped] = await tx
        .update(carts)
        .set({ version: sql`${carts.version} + 1`, updatedAt: now })
        .where(eq(carts.tableId, table.id))
        .returning({ version: carts.version });
      await change(tx, now);
      const rows = await readCartLines(tx, table.id);
      // Priced as this transaction sees the menu: a change that committed after the catalog was
      // loaded is read here; one that commits later reprices the cart itself (menuChanged).
      const [store] = await tx
        .select({ version: stores.menuVersion, name: stores.name })
        .from(stores)
        .where(eq(stores.id, actor.storeId));
      const current =
        store && store.version !== menu.version
          ? await readCatalog(tx, actor.storeId, store.version, store.name)
          : menu;
      const cart = priceCart(current, bumped?.version ?? 0, rows);
      emit({ type: 'cart.updated', tableId: table.id, sessionId: session?.id ?? null, data: { cart } });
      return cart;
    });
  }

  /**
   * Adds a dish. A line identical to one already in the cart (dish, options, note) adds to its
   * quantity, up to 99. The line is checked by the ordering rules first (unknown dish or option,
   * group counts: 400; sold out: 409).
   */
  async function add(actor: CartActor, body: AddCartItemBody): Promise<Cart> {
    const line = normaliseLine(body);
    priceLines(await menuOf(actor.storeId), [line]);
    const optionIds = line.optionIds ?? [];
    const note = line.note ?? null;
    return edit(actor, async (tx, now) => {
      const lines = await tx.select().from(cartLines).where(eq(cartLines.tableId, actor.tableId));
      const same = lines.find(
        (l) => l.menuId === line.menuId && (l.note ?? null) === note && sameOptions(l.optionIds, optionIds),
      );
      if (same) {
        await tx
          .update(cartLines)
          .set({ quantity: Math.min(MAX_LINE_QUANTITY, same.quantity + line.quantity) })
          .where(eq(cartLines.id, same.id));
        return;
      }
      if (lines.length >= MAX_ORDER_LINES) {
        throw validationFailed(`The cart holds at most ${MAX_ORDER_LINES} lines; order these first`, {
          fields: [{ path: 'body', message: `at most ${MAX_ORDER_LINES} lines in a cart` }],
        });
      }
      // Lines keep the order they were added in, even within one clock tick.
      const latest = Math.max(0, ...lines.map((l) => l.createdAt.getTime()));
      await tx.insert(cartLines).values({
        tableId: actor.tableId,
        menuId: line.menuId,
        quantity: line.quantity,
        optionIds,
        note,
        addedByKind: actor.addedBy.kind,
        addedByLabel: actor.addedBy.label,
        createdAt: now.getTime() > latest ? now : new Date(latest + 1),
      });
    });
  }

  /** Sets a line's quantity; 0 takes it out. Another table's line is not found. */
  async function setQuantity(actor: CartActor, lineId: string, quantity: number): Promise<Cart> {
    return edit(actor, async (tx) => {
      const where = and(eq(cartLines.id, lineId), eq(cartLines.tableId, actor.tableId));
      const touched =
        quantity === 0
          ? await tx.delete(cartLines).where(where).returning({ id: cartLines.id })
          : await tx.update(cartLines).set({ quantity }).where(where).returning({ id: cartLines.id });
      if (touched.length === 0) throw notFound('cart line');
    });
  }

  async function clear(actor: CartActor): Promise<Cart> {
    return edit(actor, async (tx) => {
      await tx.delete(cartLines).where(eq(cartLines.tableId, actor.tableId));
    });
  }

  /**
   * Orders the cart exactly as it stood at `expectedVersion` and empties it, in one transaction
   * (orders.create does it under the table lock). A stale version is 409 CART_CHANGED; a replayed
   * Idempotency-Key answers its order before the version is looked at.
   */
  async function checkout(
    actor: CartActor,
    body: CheckoutBody,
    idempotencyKey: string | undefined,
  ): Promise<{ order: Order; replayed: boolean }> {
    return orders.create({
      storeId: actor.storeId,
      tableId: actor.tableId,
      source: actor.addedBy.kind === 'guest' ? 'guest' : 'table',
      fromCart: { expectedVersion: body.expectedVersion },
      note: body.note,
      idempotencyKey,
      boundSessionId: actor.boundSessionId,
    });
  }

  return { read, add, setQuantity, clear, checkout };
}

export type CartsService = ReturnType<typeof createCartsService>;
