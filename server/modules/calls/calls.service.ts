import { createHash } from 'node:crypto';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  CALL_WINDOW_MINUTES,
  type Call,
  type CreateCallBody,
  MAX_CALLS_PER_WINDOW,
  type PutCallReasonsBody,
} from '../../../contract/calls.js';
import type { CallReason } from '../../../contract/menus.js';
import { type Db, executeNamed, rowsOf, type Tx } from '../../db/client.js';
import { callReasons, calls, idempotencyKeys } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound, tooManyRequests, unauthorized, validationFailed } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import { menuChanged } from '../menus/menus.service.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { type Actor, currentSession, lockTable, type SessionLimits } from '../sessions/sessions.service.js';
import { type CallRow, toCall } from './calls.dto.js';
import { readCallReasons } from './calls.read.js';

const WINDOW_MS = CALL_WINDOW_MINUTES * 60_000;
/** A note merged from several calls stays readable on a card; past this the newest note wins. */
export const MAX_MERGED_NOTE = 200;

export interface PlaceCallInput {
  storeId: string;
  tableId: string;
  body: CreateCallBody;
  idempotencyKey?: string | undefined;
  /** A guest's phone calls only within the visit its token is bound to (else 401 SESSION_ENDED). */
  boundSessionId?: string;
}

/** What a call request did: made a new call, merged into the open one, or replayed a key. */
export type PlaceCallOutcome = { call: Call; outcome: 'created' | 'merged' | 'replayed' };

type FieldError = { path: string; message: string };

/** The reasons of an open call and a new one together, each once, in the order they were asked for. */
export function mergeReasons(current: string[], added: string[]): string[] {
  return [...new Set([...current, ...added])];
}

/**
 * The note of an open call after another call with `added` merged into it: the new words are
 * appended ("물 2병 / 아이 의자도요"), unless they are already there; when both no longer fit in
 * MAX_MERGED_NOTE characters, the newest note replaces the old one.
 */
export function mergeNote(current: string | null, added: string | null): string | null {
  if (!added) return current;
  if (!current || current === added) return added;
  if (current.split(' / ').includes(added)) return current;
  const joined = `${current} / ${added}`;
  return joined.length <= MAX_MERGED_NOTE ? joined : added;
}

/** The idempotency fingerprint of a call: reasons as a set, the note trimmed. */
export function callRequestHash(body: CreateCallBody): string {
  const reasonIds = [...new Set(body.reasonIds.map((id) => id.toLowerCase()))].sort();
  return createHash('sha256')
    .update(JSON.stringify(['call', reasonIds, body.note?.trim() ?? '']))
    .digest('hex');
}

export function createCallsService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  limits: SessionLimits;
  metrics: Metrics;
}) {
  const { db, events, clock, limits, metrics } = deps;

  /** The labels of the reasons asked for, in the order asked; 400 naming any that is not the store's. */
  async function labelsOf(storeId: string, reasonIds: string[]): Promise<string[]> {
    const wanted = reasonIds.map((id) => id.toLowerCase());
    if (wanted.length === 0) return [];
    const rows = await db
      .select({ id: callReasons.id, label: callReasons.label })
      .from(callReasons)
      .where(and(eq(callReasons.storeId, storeId), inArray(callReasons.id, [...new Set(wanted)])));
    const byId = new Map(rows.map((row) => [row.id, row.label]));
    const errors: FieldError[] = [];
    wanted.forEach((id, index) => {
      if (!byId.has(id)) errors.push({ path: `body.reasonIds.${index}`, message: 'no such call reason in this store' });
    });
    if (errors.length > 0) {
      throw validationFailed(`${errors[0]?.path}: no such call reason in this store`, { fields: errors });
    }
    return [...new Set(wanted.map((id) => byId.get(id) as string))];
  }

  /**
   * The table's presses in the window ending now (the caller holds the table lock, so concurrent
   * calls of one table count one after the other, on any replica). 429 past the limit, with the
   * seconds until the oldest press leaves the window.
   */
  async function checkLimit(tx: Tx, tableId: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - WINDOW_MS).toISOString();
    const [row] = rowsOf<{ count: number | string; oldest: Date | string | null }>(
      await executeNamed(
        tx,
        'calls_presses_in_window',
        sql`SELECT count(*) AS count, min(p) AS oldest
          FROM ${calls} AS c, unnest(c.presses) AS p
          WHERE c.table_id = ${tableId}::uuid AND c.updated_at >= ${since}::timestamptz AND p > ${since}::timestamptz`,
      ),
    );
    if (!row || Number(row.count) < MAX_CALLS_PER_WINDOW) return;
    const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime();
    throw tooManyRequests(
      'RATE_LIMITED',
      `This table has called ${MAX_CALLS_PER_WINDOW} times in ${CALL_WINDOW_MINUTES} minutes; staff have been told`,
      (oldest + WINDOW_MS - now.getTime()) / 1000,
    );
  }

  async function findKey(tx: Tx, tableId: string, key: string) {
    const [row] = await tx
      .select({ requestHash: idempotencyKeys.requestHash, callId: idempotencyKeys.callId })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tableId, tableId), eq(idempotencyKeys.key, key)));
    return row;
  }

  /** A replayed key answers the call it made, as it is now (maybe done since); another body → 409. */
  async function replay(tx: Tx, taken: { requestHash: string; callId: string | null }, hash: string) {
    if (taken.requestHash !== hash || !taken.callId) {
      throw conflict(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request; send a new key for a new call',
      );
    }
    const [row] = await tx.select().from(calls).where(eq(calls.id, taken.callId));
    if (!row) throw new Error(`call ${taken.callId} of an idempotency key is missing`);
    return toCall(row, 'table');
  }

  /**
   * A table calls staff (직원 호출). While the table has an open call, the new one merges into it
   * (reasons added once each, the note appended) and that call is answered; otherwise a call is
   * made, in the table's open visit if there is one. An Idempotency-Key seen before from this
   * table answers the call it made. All under the table lock: the key, the per-table limit
   * (MAX_CALLS_PER_WINDOW presses per CALL_WINDOW_MINUTES, merged ones included) and the one open
   * call per table hold across replicas. The answer is the table's view (no staff names).
   */
  async function create(input: PlaceCallInput): Promise<PlaceCallOutcome> {
    const { storeId, tableId, idempotencyKey } = input;
    const hash = callRequestHash(input.body);
    const labels = await labelsOf(storeId, input.body.reasonIds);
    const note = input.body.note?.trim() || null;

    const result = await events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) throw notFound('table');
      // Keys of a table are only written under its lock: one seen here is committed and final.
      const taken = idempotencyKey ? await findKey(tx, tableId, idempotencyKey) : undefined;
      if (taken) return { call: await replay(tx, taken, hash), outcome: 'replayed' as const, closed: null };

      const now = clock.now();
      await checkLimit(tx, tableId, now);
      const { session, closed } = await currentSession(tx, emit, { storeId, table }, now, limits);
      if (input.boundSessionId && session?.id !== input.boundSessionId) {
        throw unauthorized('This visit has ended; scan the table’s code again', 'SESSION_ENDED');
      }

      const [open] = await tx
        .select()
        .from(calls)
        .where(and(eq(calls.tableId, tableId), eq(calls.status, 'open')));
      let row: CallRow | undefined;
      if (open) {
        [row] = await tx
          .update(calls)
          .set({
            reasons: mergeReasons(open.reasons, labels),
            note: mergeNote(open.note, note),
            // An open call left from guests before belongs to whoever sits here now.
            sessionId: session?.id ?? open.sessionId,
            tableNumber: table.number,
            presses: sql`array_append(${calls.presses}, ${now.toISOString()}::timestamptz)`,
            updatedAt: now,
          })
          .where(eq(calls.id, open.id))
          .returning();
      } else {
        [row] = await tx
          .insert(calls)
          .values({
            storeId,
            tableId,
            tableNumber: table.number,
            sessionId: session?.id ?? null,
            reasons: labels,
            note,
            presses: [now],
            createdAt: now,
            updatedAt: now,
          })
          .returning();
      }
      if (!row) throw new Error('call not written');

      if (idempotencyKey) {
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ tableId, key: idempotencyKey, requestHash: hash, callId: row.id, createdAt: now })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        // Only a writer that skipped the table lock could have taken it meanwhile: refuse, change nothing.
        if (claimed.length === 0) throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key is being used');
      }
      const call = toCall(row, 'staff');
      emit({
        type: open ? 'call.updated' : 'call.created',
        tableId,
        sessionId: row.sessionId,
        data: { call },
      });
      return { call: toCall(row, 'table'), outcome: open ? ('merged' as const) : ('created' as const), closed };
    });
    if (result.closed) metrics.sessionsClosed.inc({ reason: result.closed });
    return { call: result.call, outcome: result.outcome };
  }

  /**
   * Staff mark a call done (handled). Idempotent: a call already done is answered as it is, with
   * who did it first, and nothing is emitted again.
   */
  async function markDone(actor: Actor & { storeId: string }, callId: string): Promise<Call> {
    return events.transaction(actor.storeId, async (tx, emit) => {
      const [found] = await tx
        .select({ tableId: calls.tableId })
        .from(calls)
        .where(and(eq(calls.id, callId), eq(calls.storeId, actor.storeId)));
      if (!found) throw notFound('call');
      if (!(await lockTable(tx, actor.storeId, found.tableId))) throw notFound('call');
      // Read again under the lock: someone else may have marked it done meanwhile.
      const [current] = await tx.select().from(calls).where(eq(calls.id, callId));
      if (!current) throw notFound('call');
      if (current.status === 'done') return toCall(current, 'staff');
      const now = clock.now();
      const [row] = await tx
        .update(calls)
        .set({
          status: 'done',
          doneAt: now,
          doneByAdminId: actor.adminId,
          doneByUsername: actor.username,
          updatedAt: now,
        })
        .where(eq(calls.id, callId))
        .returning();
      if (!row) throw notFound('call');
      const call = toCall(row, 'staff');
      emit({ type: 'call.updated', tableId: row.tableId, sessionId: row.sessionId, data: { call } });
      return call;
    });
  }

  /**
   * Replaces the store's presets with `body.reasons`, in that order: a reason sent with its id
   * keeps its row (and its translations when none are sent), the others are added, and those not
   * sent are removed (calls keep their labels, so nothing else changes). Tablets see the change
   * through `menu.updated` and the menu's new ETag.
   */
  async function putReasons(storeId: string, body: PutCallReasonsBody): Promise<CallReason[]> {
    const sent = body.reasons.map((reason) => ({ ...reason, id: reason.id?.toLowerCase() }));
    const errors: FieldError[] = [];
    const ids = new Set<string>();
    const labels = new Set<string>();
    sent.forEach((reason, index) => {
      if (reason.id && ids.has(reason.id)) errors.push({ path: `body.reasons.${index}.id`, message: 'sent twice' });
      if (labels.has(reason.label)) errors.push({ path: `body.reasons.${index}.label`, message: 'sent twice' });
      if (reason.id) ids.add(reason.id);
      labels.add(reason.label);
    });
    if (errors.length > 0) throw validationFailed(`${errors[0]?.path}: sent twice`, { fields: errors });

    return events.transaction(storeId, async (tx, emit) => {
      // Two editors saving at once: the second waits here and then edits what the first left.
      await tx.select({ id: callReasons.id }).from(callReasons).where(eq(callReasons.storeId, storeId)).for('update');
      const existing = await tx
        .select({ id: callReasons.id, translations: callReasons.translations })
        .from(callReasons)
        .where(eq(callReasons.storeId, storeId));
      const current = new Map(existing.map((row) => [row.id, row.translations]));
      sent.forEach((reason, index) => {
        if (reason.id && !current.has(reason.id)) {
          errors.push({ path: `body.reasons.${index}.id`, message: 'no such call reason in this store' });
        }
      });
      if (errors.length > 0) {
        throw validationFailed(`${errors[0]?.path}: no such call reason in this store`, { fields: errors });
      }

      await tx
        .delete(callReasons)
        .where(and(eq(callReasons.storeId, storeId), ids.size > 0 ? notInArray(callReasons.id, [...ids]) : undefined));
      for (const [sortOrder, reason] of sent.entries()) {
        if (reason.id) {
          await tx
            .update(callReasons)
            .set({ label: reason.label, sortOrder, translations: reason.translations ?? current.get(reason.id) ?? {} })
            .where(eq(callReasons.id, reason.id));
        } else {
          await tx
            .insert(callReasons)
            .values({ storeId, label: reason.label, sortOrder, translations: reason.translations ?? {} });
        }
      }
      await menuChanged(tx, storeId, emit);
      return readCallReasons(tx, storeId);
    });
  }

  return { create, markDone, putReasons };
}

export type CallsService = ReturnType<typeof createCallsService>;
