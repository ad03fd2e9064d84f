import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import {
  cartLines,
  carts,
  orders,
  type SESSION_OPENERS,
  sessionLog,
  tableSessions,
  tables,
} from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { retryConflicts } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { Emit, EventLog } from '../realtime/realtime.event-log.js';
import { archiveOrders } from './sessions.archive.js';
import { toTable } from './sessions.dto.js';

export type CloseReason = 'staff' | 'idle' | 'expired' | 'merged';
export type SessionOpener = (typeof SESSION_OPENERS)[number];
export type SessionLimits = Pick<Config, 'sessionExpireHours' | 'sessionLastOrderTimeoutHours'>;

export interface OpenSession {
  id: string;
  openedAt: Date;
  lastOrderAt: Date;
  guests: number | null;
  pin: string | null;
}

/** Staff who did something to a visit, as the visit's log keeps it. */
export interface Actor {
  adminId: string;
  username: string;
}

export interface LockedTable {
  id: string;
  number: number;
}

/** How many expired sessions one sweep run closes at most; the next run takes the rest. */
const SWEEP_BATCH = 200;
const HOUR_MS = 3_600_000;

/**
 * Locks a live table row of the store (`FOR UPDATE`) for the rest of the transaction. Everything
 * that adds, changes or archives a table's orders takes this lock first, so ordering, status
 * changes, deletion and closing of one table happen one after the other.
 * With `skipLocked`, answers undefined instead of waiting when another transaction holds it.
 */
export async function lockTable(
  tx: Tx,
  storeId: string,
  tableId: string,
  options: { skipLocked?: boolean } = {},
): Promise<LockedTable | undefined> {
  const [row] = await tx
    .select({ id: tables.id, number: tables.number })
    .from(tables)
    .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId), isNull(tables.deletedAt)))
    .for('update', options.skipLocked ? { skipLocked: true } : {})
    .prepare(options.skipLocked ? 'sessions_lock_table_skip_locked' : 'sessions_lock_table')
    .execute();
  return row;
}

/**
 * Locks several live tables of the store at once, by ascending id (the lock order every write
 * touching more than one table keeps, so two of them never deadlock). Answers them in the order
 * of `tableIds`; undefined for one that is not the store's.
 */
export async function lockTables(tx: Tx, storeId: string, tableIds: string[]): Promise<Array<LockedTable | undefined>> {
  const rows = await tx
    .select({ id: tables.id, number: tables.number })
    .from(tables)
    .where(and(inArray(tables.id, tableIds), eq(tables.storeId, storeId), isNull(tables.deletedAt)))
    .orderBy(asc(tables.id))
    .for('update');
  return tableIds.map((id) => rows.find((row) => row.id === id));
}

/**
 * The table's open session. Call it after lockTable, in a statement of its own: under READ
 * COMMITTED a statement that waited for the lock would still see the session as it was before
 * the wait, and could add an order to a session that was closed meanwhile.
 */
export async function readOpenSession(tx: Tx | Db, tableId: string): Promise<OpenSession | undefined> {
  const [row] = await tx
    .select({
      id: tableSessions.id,
      openedAt: tableSessions.openedAt,
      lastOrderAt: tableSessions.lastOrderAt,
      guests: tableSessions.guests,
      pin: tableSessions.pin,
    })
    .from(tableSessions)
    .where(and(eq(tableSessions.tableId, tableId), isNull(tableSessions.closedAt)))
    .prepare('sessions_open_session')
    .execute();
  return row;
}

/** Why an open session should close by itself at `now`, or null while it is still in use. */
export function expiryReason(session: OpenSession, now: Date, limits: SessionLimits): 'idle' | 'expired' | null {
  const t = now.getTime();
  if (t - session.openedAt.getTime() > limits.sessionExpireHours * HOUR_MS) return 'expired';
  if (t - session.lastOrderAt.getTime() > limits.sessionLastOrderTimeoutHours * HOUR_MS) return 'idle';
  return null;
}

/**
 * Opens a visit at a locked table that has none: writes the session (with a fresh 4-digit PIN
 * for guests' phones), logs who opened it and emits `table.updated`. The idle timeout counts
 * from now until the first order.
 */
export async function openSession(
  tx: Tx,
  emit: Emit,
  target: { storeId: string; table: LockedTable },
  options: { now: Date; openedBy: SessionOpener; guests?: number | null; by?: Actor | null; id?: string },
): Promise<OpenSession> {
  const { storeId, table } = target;
  const session: OpenSession = {
    id: options.id ?? randomUUID(),
    openedAt: options.now,
    lastOrderAt: options.now,
    guests: options.guests ?? null,
    pin: String(randomInt(0, 10_000)).padStart(4, '0'),
  };
  await tx.insert(tableSessions).values({
    id: session.id,
    storeId,
    tableId: table.id,
    openedAt: session.openedAt,
    lastOrderAt: session.lastOrderAt,
    openedBy: options.openedBy,
    guests: session.guests,
    pin: session.pin,
  });
  await logVisit(tx, {
    storeId,
    sessionId: session.id,
    kind: 'opened',
    data: { openedBy: options.openedBy },
    by: options.by,
    now: options.now,
  });
  emit({ type: 'table.updated', sessionId: session.id, data: { table: toTable(table, session) } });
  return session;
}

/** Adds a line to a visit's story (history shows it). */
export async function logVisit(
  tx: Tx,
  entry: {
    storeId: string;
    sessionId: string;
    kind: (typeof sessionLog.$inferInsert)['kind'];
    data?: Record<string, unknown>;
    by?: Actor | null | undefined;
    now: Date;
  },
): Promise<void> {
  await tx.insert(sessionLog).values({
    storeId: entry.storeId,
    sessionId: entry.sessionId,
    kind: entry.kind,
    data: entry.data ?? {},
    adminId: entry.by?.adminId ?? null,
    username: entry.by?.username ?? null,
    createdAt: entry.now,
  });
}

/**
 * The locked table's open visit as of `now`, closing it first if it has outlived its limits (an
 * order arriving after the idle timeout starts a new visit). Undefined when none is open.
 */
export async function currentSession(
  tx: Tx,
  emit: Emit,
  target: { storeId: string; table: LockedTable },
  now: Date,
  limits: SessionLimits,
): Promise<{ session: OpenSession | undefined; closed: 'idle' | 'expired' | null }> {
  const session = await readOpenSession(tx, target.table.id);
  if (!session) return { session: undefined, closed: null };
  const why = expiryReason(session, now, limits);
  if (!why) return { session, closed: null };
  await closeSession(tx, emit, { ...target, sessionId: session.id }, why, now);
  return { session: undefined, closed: why };
}

/**
 * Closes an open session of a locked table: archives every live order of the session, which
 * resets the table's live total, marks the session closed, logs it and emits `session.ended` and
 * `table.updated`. Returns how many orders were archived.
 */
export async function closeSession(
  tx: Tx,
  emit: Emit,
  target: { storeId: string; table: LockedTable; sessionId: string },
  reason: CloseReason,
  now: Date,
  by?: Actor | null,
): Promise<number> {
  const { storeId, table, sessionId } = target;
  const archived = await archiveOrders(tx, { storeId, match: eq(orders.sessionId, sessionId), now });
  await tx
    .update(tableSessions)
    .set({ closedAt: now, closeReason: reason })
    .where(and(eq(tableSessions.id, sessionId), isNull(tableSessions.closedAt)));
  await logVisit(tx, { storeId, sessionId, kind: 'closed', data: { reason }, by, now });
  await emptyCart(tx, emit, { tableId: table.id, sessionId });
  emit({
    type: 'session.ended',
    tableId: table.id,
    sessionId,
    data: { tableId: table.id, sessionId, ...(reason === 'merged' ? { reason } : {}) },
  });
  emit({ type: 'table.updated', data: { table: toTable(table, null) } });
  return archived.length;
}

/**
 * Empties the locked table's shared cart when its visit ends: what the guests put in without
 * ordering is not for the next ones. Tells the table (before `session.ended`, which closes its
 * guests' streams).
 */
async function emptyCart(tx: Tx, emit: Emit, target: { tableId: string; sessionId: string }): Promise<void> {
  const removed = await tx
    .delete(cartLines)
    .where(eq(cartLines.tableId, target.tableId))
    .returning({ id: cartLines.id });
  if (removed.length === 0) return;
  const [cart] = await tx
    .update(carts)
    .set({ version: sql`${carts.version} + 1` })
    .where(eq(carts.tableId, target.tableId))
    .returning({ version: carts.version });
  emit({
    type: 'cart.updated',
    tableId: target.tableId,
    sessionId: target.sessionId,
    data: { cart: { version: cart?.version ?? 0, items: [], totalAmount: 0 } },
  });
}

export function createSessionsService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
}) {
  const { db, events, clock, limits, metrics } = deps;

  /** Staff end a table's session (이용 완료). */
  async function endByStaff(
    storeId: string,
    tableId: string,
    by?: Actor,
  ): Promise<{ sessionId: string; archivedOrders: number }> {
    const result = await events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) throw notFound('table');
      const session = await readOpenSession(tx, tableId);
      if (!session) throw conflict('NO_OPEN_SESSION', 'This table has no open session');
      const archivedOrders = await closeSession(
        tx,
        emit,
        { storeId, table, sessionId: session.id },
        'staff',
        clock.now(),
        by,
      );
      return { sessionId: session.id, archivedOrders };
    });
    metrics.sessionsClosed.inc({ reason: 'staff' });
    return result;
  }

  /**
   * Closes the table's visit if it has outlived its limits (an order arriving after the idle
   * timeout meets it first): under the table lock, re-checked there. Answers why it closed, or null.
   */
  async function closeIfExpired(storeId: string, tableId: string): Promise<'idle' | 'expired' | null> {
    const closed = await events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) return null;
      return (await currentSession(tx, emit, { storeId, table }, clock.now(), limits)).closed;
    });
    if (closed) metrics.sessionsClosed.inc({ reason: closed });
    return closed;
  }

  /**
   * Closes every session that has outlived its limits. Safe on several replicas at once: each
   * session is closed under its table's row lock after re-checking, under the lock, that it is
   * still open and still expired. A table locked by someone else is skipped, not waited for:
   * the holder is either another replica closing it or an order that closes it lazily; a
   * later run picks up whatever is left.
   */
  async function sweep(): Promise<{ closed: number }> {
    const now = clock.now();
    const idleBefore = new Date(now.getTime() - limits.sessionLastOrderTimeoutHours * HOUR_MS);
    const openedBefore = new Date(now.getTime() - limits.sessionExpireHours * HOUR_MS);
    const candidates = await db
      .select({ id: tableSessions.id, storeId: tableSessions.storeId, tableId: tableSessions.tableId })
      .from(tableSessions)
      .where(
        and(
          isNull(tableSessions.closedAt),
          or(lt(tableSessions.lastOrderAt, idleBefore), lt(tableSessions.openedAt, openedBefore)),
        ),
      )
      .limit(SWEEP_BATCH);

    let closed = 0;
    const failures: unknown[] = [];
    for (const candidate of candidates) {
      const reason = await events
        .transaction(candidate.storeId, async (tx, emit) => {
          const table = await lockTable(tx, candidate.storeId, candidate.tableId, { skipLocked: true });
          if (!table) return null;
          const session = await readOpenSession(tx, candidate.tableId);
          if (session?.id !== candidate.id) return null;
          const why = expiryReason(session, now, limits);
          if (!why) return null;
          await closeSession(tx, emit, { storeId: candidate.storeId, table, sessionId: session.id }, why, now);
          return why;
        })
        .catch((err: unknown) => {
          // One session that cannot be closed must not keep the others open.
          failures.push(err);
          return null;
        });
      if (reason) {
        metrics.sessionsClosed.inc({ reason });
        closed++;
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} session(s) could not be closed`);
    return { closed };
  }

  /**
   * Staff or the table's tablet open a visit before anything is ordered, with how many guests
   * sat down: 409 TABLE_HAS_OPEN_SESSION when one is open. The idle timeout counts from now.
   */
  async function open(
    storeId: string,
    tableId: string,
    options: { guests?: number | undefined; openedBy: 'staff' | 'tablet'; by?: Actor },
  ): Promise<{ table: LockedTable; session: OpenSession }> {
    const opened = await retryConflicts(() =>
      events.transaction(storeId, async (tx, emit) => {
        const table = await lockTable(tx, storeId, tableId);
        if (!table) throw notFound('table');
        const now = clock.now();
        const { session: current, closed } = await currentSession(tx, emit, { storeId, table }, now, limits);
        if (closed) metrics.sessionsClosed.inc({ reason: closed });
        if (current) throw conflict('TABLE_HAS_OPEN_SESSION', 'This table already has an open session');
        const session = await openSession(
          tx,
          emit,
          { storeId, table },
          { now, openedBy: options.openedBy, guests: options.guests ?? null, by: options.by ?? null },
        );
        return { table, session };
      }),
    );
    return opened;
  }

  return { endByStaff, closeIfExpired, sweep, open };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
