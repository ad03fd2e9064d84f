import { randomUUID } from 'node:crypto';
import type { CpuSplit } from '../lib/cpu.js';
import { type Answer, closedLoop, LoadClient } from '../lib/http-load.js';
import { type Distribution, distribution } from '../lib/stats.js';
import type { BenchStore, BenchTable } from '../lib/world.js';

/** Every order a server acknowledged during one engine's run, checked against the database at the end. */
export interface Ledger {
  acked: Set<string>;
  /** Requests without an answer (connection failed, timed out): they may or may not have committed. */
  unanswered: number;
}

export const newLedger = (): Ledger => ({ acked: new Set(), unanswered: 0 });

export interface OrderRun {
  orders: number;
  /** CPU time spent during the run, filled in by the caller. */
  cpu?: CpuSplit;
  perSecond: number;
  latency: Distribution;
  /** Answers other than 201. */
  errors: number;
  statuses: Record<string, number>;
}

/** A guest's order: one to three different dishes of the table's store, one to three of each. */
export function orderBody(store: BenchStore): string {
  const lines = 1 + Math.floor(Math.random() * 3);
  const picked = new Set<string>();
  while (picked.size < lines) picked.add(store.menuIds[Math.floor(Math.random() * store.menuIds.length)] as string);
  return JSON.stringify({
    items: [...picked].map((menuId) => ({ menuId, quantity: 1 + Math.floor(Math.random() * 3) })),
  });
}

/** Sends one order as a tablet would: its own Idempotency-Key, the table's token. */
export function placeOrder(client: LoadClient, store: BenchStore, table: BenchTable): Promise<Answer> {
  return client.send({
    method: 'POST',
    path: '/api/v1/table/orders',
    headers: { authorization: `Bearer ${table.token}`, 'idempotency-key': randomUUID() },
    body: orderBody(store),
  });
}

/** Records an answer in the ledger; returns the order id of a 201. */
export function record(ledger: Ledger, answer: Answer): string | null {
  if (answer.status === 0) ledger.unanswered += 1;
  if (answer.status !== 201) return null;
  const id = (JSON.parse(answer.body) as { id: string }).id;
  ledger.acked.add(id);
  return id;
}

/**
 * Many tables ordering at once, closed loop: each of `concurrency` tablets orders again as soon
 * as its previous order is answered. Tables are drawn at random from `stores`.
 */
export async function runOrders(options: {
  url: string;
  stores: BenchStore[];
  concurrency: number;
  durationMs: number;
  ledger: Ledger;
}): Promise<OrderRun> {
  const client = new LoadClient(options.url, options.concurrency);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const tables = options.stores.flatMap((store) => store.tables.map((table) => ({ store, table })));
  try {
    const { elapsedMs } = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      next: () => async () => {
        const { store, table } = tables[Math.floor(Math.random() * tables.length)]!;
        const answer = await placeOrder(client, store, table);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (record(options.ledger, answer)) latencies.push(answer.doneAt - answer.sentAt);
      },
    });
    const created = statuses['201'] ?? 0;
    const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
    return {
      orders: created,
      perSecond: created / (elapsedMs / 1000),
      latency: distribution(latencies),
      errors: total - created,
      statuses,
    };
  } finally {
    client.close();
  }
}
