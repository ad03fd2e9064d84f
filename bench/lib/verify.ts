import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client.js';
import type { Ledger } from '../scenarios/orders.js';
import type { Engine } from './world.js';

export interface Verification {
  acked: number;
  inDatabase: number;
  lost: number;
  extra: number;
  /** Requests that got no answer at all (they could explain extras). */
  unanswered: number;
  /** Stores whose order numbers are not exactly 1..n. */
  badNumbering: number;
  /** Stores whose event cursors are not exactly 1..last_event_seq, or lack an order.created per order. */
  badEventLog: number;
}

/**
 * After the servers have stopped: the database must hold exactly the acknowledged orders, each
 * store's order numbers must run 1..n without a gap or a repeat, and its event log must be one
 * gapless run of cursors with one order.created per order (archived orders included, wherever the
 * build keeps them). Only `storeIds` are checked: the sales scenario's store holds a year of orders
 * written straight in SQL, with no events.
 */
export async function verifyOrders(engine: Engine, ledger: Ledger, storeIds: string[]): Promise<Verification> {
  const database = await engine.open();
  try {
    const { db } = database;
    const checked = sql`(SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(storeIds)}::jsonb))`;
    // Builds before Part two moved the orders of an ended visit into order_history.
    const [history] = rowsOf<{ found: boolean }>(
      await db.execute(sql`SELECT to_regclass('order_history') IS NOT NULL AS found`),
    );
    const every = history?.found
      ? sql`(SELECT id, store_id, order_no FROM orders UNION ALL SELECT id, store_id, order_no FROM order_history)`
      : sql`(SELECT id, store_id, order_no FROM orders)`;
    const ids = rowsOf<{ id: string }>(
      await db.execute(sql`SELECT id FROM ${every} o WHERE store_id IN ${checked}`),
    ).map((row) => row.id);
    const stored = new Set(ids);
    let lost = 0;
    for (const id of ledger.acked) if (!stored.has(id)) lost += 1;
    let extra = 0;
    for (const id of stored) if (!ledger.acked.has(id)) extra += 1;

    const numbering = rowsOf<{ bad: number }>(
      await db.execute(sql`
        SELECT count(*)::int AS bad FROM (
          SELECT s.id FROM stores s LEFT JOIN ${every} o ON o.store_id = s.id
          WHERE s.id IN ${checked}
          GROUP BY s.id, s.last_order_no
          HAVING count(o.id) <> s.last_order_no OR count(DISTINCT o.order_no) <> count(o.id)
            OR coalesce(max(o.order_no), 0) <> s.last_order_no
        ) t`),
    );
    const eventLog = rowsOf<{ bad: number }>(
      await db.execute(sql`
        SELECT count(*)::int AS bad FROM (
          SELECT s.id FROM stores s LEFT JOIN events e ON e.store_id = s.id
          WHERE s.id IN ${checked}
          GROUP BY s.id, s.last_event_seq
          HAVING count(e.seq) <> s.last_event_seq OR coalesce(max(e.seq), 0) <> s.last_event_seq
            OR count(*) FILTER (WHERE e.type = 'order.created')
               <> (SELECT count(*) FROM ${every} o WHERE o.store_id = s.id)
        ) t`),
    );
    return {
      acked: ledger.acked.size,
      inDatabase: stored.size,
      lost,
      extra,
      unanswered: ledger.unanswered,
      badNumbering: numbering[0]?.bad ?? -1,
      badEventLog: eventLog[0]?.bad ?? -1,
    };
  } finally {
    await database.close();
  }
}
