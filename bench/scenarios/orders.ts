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
  /** 201s whose total is not what the seeded prices (and chosen options) add up to. */
  mispriced: number;
  /** CPU time spent during the run, filled in by the caller. */
  cpu?: CpuSplit;
  perSecond: number;
  latency: Distribution;
  /** Answers other than 201. */
  errors: number;
  statuses: Record<string, number>;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/**
 * A guest's order: one to three different dishes of the table's store, one to three of each; on a
 * dish with choice groups, a choice in each group about two times in three (within its maximum).
 * `total` is what the order should cost.
 */
export function orderRequest(store: BenchStore): { body: string; total: number } {
  const lines = 1 + Math.floor(Math.random() * 3);
  const picked = new Set<string>();
  while (picked.size < lines) picked.add(pick(store.menuIds));
  let total = 0;
  const items = [...picked].map((menuId) => {
    const quantity = 1 + Math.floor(Math.random() * 3);
    const optionIds: string[] = [];
    let unitPrice = store.prices[menuId] ?? 0;
    for (const group of store.optionGroups[menuId] ?? []) {
      const count = Math.random() < 1 / 3 ? 0 : 1 + Math.floor(Math.random() * group.max);
      const chosen = new Set<{ id: string; price: number }>();
      while (chosen.size < count) chosen.add(pick(group.options));
      for (const option of chosen) {
        optionIds.push(option.id);
        unitPrice += option.price;
      }
    }
    total += unitPrice * quantity;
    return optionIds.length > 0 ? { menuId, quantity, optionIds } : { menuId, quantity };
  });
  return { body: JSON.stringify({ items }), total };
}

/** The body of a guest's order (see orderRequest). */
export function orderBody(store: BenchStore): string {
  return orderRequest(store).body;
}

/** Sends one order as a tablet would: its own Idempotency-Key, the table's token. */
export function placeOrder(client: LoadClient, store: BenchStore, table: BenchTable): Promise<Answer> {
  return sendOrder(client, table, orderRequest(store).body);
}

function sendOrder(client: LoadClient, table: BenchTable, body: string): Promise<Answer> {
  return client.send({
    method: 'POST',
    path: '/api/v1/table/orders',
    headers: { authorization: `Bearer ${table.token}`, 'idempotency-key': randomUUID() },
    body,
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
 * as its previous order is answered. Tables are drawn at random from `stores` (the first
 * `tablesPerStore` of each when given). The run ends when the time is up and every order in
 * flight has been answered, so the ledger knows every order the server acknowledged.
 */
export async function runOrders(options: {
  url: string;
  stores: BenchStore[];
  concurrency: number;
  durationMs: number;
  ledger: Ledger;
  tablesPerStore?: number;
}): Promise<OrderRun> {
  const client = new LoadClient(options.url, options.concurrency);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let mispriced = 0;
  const tables = options.stores.flatMap((store) =>
    store.tables.slice(0, options.tablesPerStore ?? store.tables.length).map((table) => ({ store, table })),
  );
  try {
    const { elapsedMs } = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      next: () => async () => {
        const { store, table } = pick(tables);
        const request = orderRequest(store);
        const answer = await sendOrder(client, table, request.body);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (record(options.ledger, answer)) {
          latencies.push(answer.doneAt - answer.sentAt);
          if ((JSON.parse(answer.body) as { totalAmount?: number }).totalAmount !== request.total) mispriced += 1;
        }
      },
    });
    const created = statuses['201'] ?? 0;
    const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
    return {
      orders: created,
      mispriced,
      perSecond: created / (elapsedMs / 1000),
      latency: distribution(latencies),
      errors: total - created,
      statuses,
    };
  } finally {
    client.close();
  }
}
