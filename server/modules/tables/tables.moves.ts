import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { calls, cartLines, carts, guestTokens, menus, orders, payments, tableSessions } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { retryConflicts } from '../../lib/db-errors.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import { toCall } from '../calls/calls.dto.js';
import { mergeNote, mergeReasons } from '../calls/calls.service.js';
import { priceCart } from '../menus/menus.cart-pricing.js';
import type { Catalog, MenuCatalog } from '../menus/menus.catalog.js';
import type { Emit, EventLog } from '../realtime/realtime.event-log.js';
import { toTable } from '../sessions/sessions.dto.js';
import {
  type Actor,
  closeSession,
  currentSession,
  type LockedTable,
  lockTables,
  logVisit,
  type OpenSession,
  openSession,
  type SessionLimits,
} from '../sessions/sessions.service.js';

/** What a move or merge answers: the visit that carries on, at its table. */
export interface MovedSession {
  sessionId: string;
  table: ReturnType<typeof toTable>;
}

/**
 * Staff move a visit to a free table (자리 이동) or join two tables' visits (합석). Each is one
 * transaction: both tables locked by ascending id, then the visits' rows (orders, payments, calls,
 * cart, guests' tokens), the store row last (with the events); a deadlock is retried. Everything
 * of the visit goes with it; orders keep their ids and numbers, and nothing prints again.
 */
export function createTableMoves(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
  catalog: MenuCatalog;
}) {
  const { events, clock, limits, metrics, catalog } = deps;

  async function lockPair(tx: Tx, storeId: string, firstId: string, secondId: string) {
    if (firstId.toLowerCase() === secondId.toLowerCase()) {
      throw badRequest('BAD_REQUEST', 'Pick another table');
    }
    const [first, second] = await lockTables(tx, storeId, [firstId, secondId]);
    if (!first || !second) throw notFound('table');
    return [first, second] as const;
  }

  /** The locked table's open visit, closing it first if it has outlived its limits. */
  async function liveSession(tx: Tx, emit: Emit, storeId: string, table: LockedTable, now: Date) {
    const { session, closed } = await currentSession(tx, emit, { storeId, table }, now, limits);
    if (closed) metrics.sessionsClosed.inc({ reason: closed });
    return session;
  }

  /** 자리 이동: the source table's open visit, with all of it, now belongs to the free target. */
  async function move(storeId: string, fromTableId: string, toTableId: string, by: Actor): Promise<MovedSession> {
    const menu = await catalog.load(storeId);
    return retryConflicts(() =>
      events.transaction(storeId, async (tx, emit) => {
        const [from, to] = await lockPair(tx, storeId, fromTableId, toTableId);
        const now = clock.now();
        const session = await liveSession(tx, emit, storeId, from, now);
        if (!session) throw conflict('NO_OPEN_SESSION', 'This table has no open session');
        if (await liveSession(tx, emit, storeId, to, now)) {
          throw conflict('TABLE_HAS_OPEN_SESSION', 'The other table is taken; merge the tables instead');
        }
        await tx.update(tableSessions).set({ tableId: to.id }).where(eq(tableSessions.id, session.id));
        await tx
          .update(orders)
          .set({ tableId: to.id, tableNumber: to.number, updatedAt: now })
          .where(eq(orders.sessionId, session.id));
        await tx
          .update(guestTokens)
          .set({ tableId: to.id })
          .where(and(eq(guestTokens.sessionId, session.id), isNull(guestTokens.revokedAt)));
        await carryCalls(tx, emit, { from, to, sessionId: session.id, now, by });
        await carryCart(tx, emit, { storeId, from, to, sessionId: session.id, menu });
        await logVisit(tx, {
          storeId,
          sessionId: session.id,
          kind: 'moved',
          data: { fromTableId: from.id, fromTableNumber: from.number, toTableId: to.id, toTableNumber: to.number },
          by,
          now,
        });
        emit({
          type: 'session.moved',
          tableId: to.id,
          otherTableIds: [from.id],
          sessionId: session.id,
          data: { sessionId: session.id, fromTableId: from.id, toTableId: to.id },
        });
        emit({ type: 'table.updated', data: { table: toTable(from, null) } });
        const table = toTable(to, session);
        emit({ type: 'table.updated', sessionId: session.id, data: { table } });
        return { sessionId: session.id, table };
      }),
    );
  }

  /**
   * 합석: the other table's open visit joins this table's (opened if none): its orders, payments,
   * calls, cart and guests' phones come over, guest counts add up, and it ends as merged.
   */
  async function merge(storeId: string, intoTableId: string, fromTableId: string, by: Actor): Promise<MovedSession> {
    const menu = await catalog.load(storeId);
    const result = await retryConflicts(() =>
      events.transaction(storeId, async (tx, emit) => {
        const [into, from] = await lockPair(tx, storeId, intoTableId, fromTableId);
        const now = clock.now();
        const source = await liveSession(tx, emit, storeId, from, now);
        if (!source) throw conflict('NO_OPEN_SESSION', 'The other table has no open session');
        let target: OpenSession | undefined = await liveSession(tx, emit, storeId, into, now);
        if (!target) {
          target = await openSession(tx, emit, { storeId, table: into }, { now, openedBy: 'staff', by });
        }
        const targetId = target.id;
        await tx
          .update(orders)
          .set({ tableId: into.id, tableNumber: into.number, sessionId: targetId, updatedAt: now })
          .where(eq(orders.sessionId, source.id));
        await tx.update(payments).set({ sessionId: targetId }).where(eq(payments.sessionId, source.id));
        await tx
          .update(guestTokens)
          .set({ tableId: into.id, sessionId: targetId })
          .where(and(eq(guestTokens.sessionId, source.id), isNull(guestTokens.revokedAt)));
        const guests =
          target.guests === null && source.guests === null
            ? null
            : Math.min(99, (target.guests ?? 0) + (source.guests ?? 0));
        const lastOrderAt = new Date(Math.max(target.lastOrderAt.getTime(), source.lastOrderAt.getTime()));
        await tx.update(tableSessions).set({ guests, lastOrderAt }).where(eq(tableSessions.id, targetId));
        await carryCalls(tx, emit, { from, to: into, sessionId: targetId, now, by });
        await carryCart(tx, emit, { storeId, from, to: into, sessionId: targetId, menu });
        const story = {
          fromTableId: from.id,
          fromTableNumber: from.number,
          intoTableId: into.id,
          intoTableNumber: into.number,
        };
        await logVisit(tx, {
          storeId,
          sessionId: targetId,
          kind: 'merged',
          data: { ...story, fromSessionId: source.id },
          by,
          now,
        });
        await logVisit(tx, {
          storeId,
          sessionId: source.id,
          kind: 'merged',
          data: { ...story, intoSessionId: targetId },
          by,
          now,
        });
        emit({
          type: 'session.merged',
          tableId: into.id,
          otherTableIds: [from.id],
          sessionId: targetId,
          data: { sessionId: targetId, fromSessionId: source.id, fromTableId: from.id, intoTableId: into.id },
        });
        // The merged-away visit ends (its orders and cart already left it): session.ended "merged".
        await closeSession(tx, emit, { storeId, table: from, sessionId: source.id }, 'merged', now, by);
        await tx.update(tableSessions).set({ mergedIntoSessionId: targetId }).where(eq(tableSessions.id, source.id));
        const table = toTable(into, { id: targetId, openedAt: target.openedAt, guests });
        emit({ type: 'table.updated', sessionId: targetId, data: { table } });
        return { sessionId: targetId, table };
      }),
    );
    metrics.sessionsClosed.inc({ reason: 'merged' });
    return result;
  }

  /**
   * The source table's open call goes with its visit. When the target has an open call too, the
   * two become one (reasons, note and presses together) and the source's is marked done.
   */
  async function carryCalls(
    tx: Tx,
    emit: Emit,
    args: { from: LockedTable; to: LockedTable; sessionId: string; now: Date; by: Actor },
  ): Promise<void> {
    const { from, to, sessionId, now, by } = args;
    const [moving] = await tx
      .select()
      .from(calls)
      .where(and(eq(calls.tableId, from.id), eq(calls.status, 'open')));
    if (!moving) return;
    const [staying] = await tx
      .select()
      .from(calls)
      .where(and(eq(calls.tableId, to.id), eq(calls.status, 'open')));
    if (!staying) {
      const [moved] = await tx
        .update(calls)
        .set({ tableId: to.id, tableNumber: to.number, sessionId, updatedAt: now })
        .where(eq(calls.id, moving.id))
        .returning();
      if (moved) {
        emit({
          type: 'call.updated',
          tableId: to.id,
          otherTableIds: [from.id],
          sessionId,
          data: { call: toCall(moved, 'staff') },
        });
      }
      return;
    }
    const [done] = await tx
      .update(calls)
      .set({ status: 'done', doneAt: now, doneByAdminId: by.adminId, doneByUsername: by.username, updatedAt: now })
      .where(eq(calls.id, moving.id))
      .returning();
    const [joined] = await tx
      .update(calls)
      .set({
        reasons: mergeReasons(staying.reasons, moving.reasons),
        note: mergeNote(staying.note, moving.note),
        presses: [...staying.presses, ...moving.presses].sort((a, b) => a.getTime() - b.getTime()),
        sessionId,
        updatedAt: now,
      })
      .where(eq(calls.id, staying.id))
      .returning();
    if (done) {
      emit({
        type: 'call.updated',
        tableId: from.id,
        sessionId: done.sessionId,
        data: { call: toCall(done, 'staff') },
      });
    }
    if (joined) emit({ type: 'call.updated', tableId: to.id, sessionId, data: { call: toCall(joined, 'staff') } });
  }

  /**
   * The source table's shared cart lines join the target's cart; both carts get a new version
   * and each table is told its cart.
   */
  async function carryCart(
    tx: Tx,
    emit: Emit,
    args: { storeId: string; from: LockedTable; to: LockedTable; sessionId: string; menu: Catalog | undefined },
  ): Promise<void> {
    const { storeId, from, to, sessionId, menu } = args;
    const [any] = await tx.select({ id: cartLines.id }).from(cartLines).where(eq(cartLines.tableId, from.id)).limit(1);
    if (!any) return;
    await tx.insert(carts).values({ tableId: to.id, storeId }).onConflictDoNothing();
    // Cart rows in table order (the lock order), then the lines.
    const bumped = await tx
      .update(carts)
      .set({ version: sql`${carts.version} + 1` })
      .where(sql`${carts.tableId} IN (${from.id}::uuid, ${to.id}::uuid)`)
      .returning({ tableId: carts.tableId, version: carts.version });
    await tx.update(cartLines).set({ tableId: to.id }).where(eq(cartLines.tableId, from.id));
    const rows = await tx
      .select({ line: cartLines, menuName: menus.name })
      .from(cartLines)
      .leftJoin(menus, eq(menus.id, cartLines.menuId))
      .where(eq(cartLines.tableId, to.id))
      .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
    const versionOf = (tableId: string) => bumped.find((row) => row.tableId === tableId)?.version ?? 0;
    emit({
      type: 'cart.updated',
      tableId: from.id,
      data: { cart: { version: versionOf(from.id), items: [], totalAmount: 0 } },
    });
    if (menu) {
      const cart = priceCart(
        menu,
        versionOf(to.id),
        rows.map((row) => ({ ...row.line, menuName: row.menuName })),
      );
      emit({ type: 'cart.updated', tableId: to.id, sessionId, data: { cart } });
    }
  }

  return { move, merge };
}

export type TableMoves = ReturnType<typeof createTableMoves>;
