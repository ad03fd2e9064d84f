import { LoadClient, openLoop } from '../lib/http-load.js';
import type { RunningProcess } from '../lib/processes.js';
import { type BenchStream, openSseStream } from '../lib/sse-client.js';
import { type Distribution, distribution } from '../lib/stats.js';
import type { World } from '../lib/world.js';
import { type Ledger, placeOrder, record } from './orders.js';

interface Receipt {
  kind: 'admin' | 'table';
  replica: number;
  at: number;
}

export interface StreamSet {
  count: number;
  /** order id → every stream that received its order.created. */
  receipts: Map<string, Receipt[]>;
  close(): void;
}

/**
 * Opens every store's dashboard and every table's tablet stream. With several replicas a store's
 * streams are spread over them, so most deliveries cross replicas through the bus.
 */
export async function openStreams(world: World, replicas: RunningProcess[]): Promise<StreamSet> {
  const receipts = new Map<string, Receipt[]>();
  const streams: BenchStream[] = [];
  const listen = (kind: Receipt['kind'], replica: number) => (message: { type: string; data: string; at: number }) => {
    if (message.type !== 'order.created') return;
    const id = (JSON.parse(message.data) as { order: { id: string } }).order.id;
    let list = receipts.get(id);
    if (!list) {
      list = [];
      receipts.set(id, list);
    }
    list.push({ kind, replica, at: message.at });
  };
  const plan: Array<() => BenchStream> = [];
  world.stores.forEach((store, s) => {
    const dashboardReplica = s % replicas.length;
    plan.push(() =>
      openSseStream(
        replicas[dashboardReplica]!.url,
        '/api/v1/admin/stream',
        store.staffToken,
        listen('admin', dashboardReplica),
      ),
    );
    for (const table of store.tables) {
      const replica = (s + table.number) % replicas.length;
      plan.push(() =>
        openSseStream(replicas[replica]!.url, '/api/v1/table/stream', table.token, listen('table', replica)),
      );
    }
  });
  const close = () => {
    for (const stream of streams) stream.close();
  };
  try {
    // In batches, as tablets coming back after a restart would, without a single thundering herd.
    for (let i = 0; i < plan.length; i += 100) {
      const batch = plan.slice(i, i + 100).map((open) => open());
      streams.push(...batch);
      await Promise.all(batch.map((stream) => stream.opened));
    }
  } catch (err) {
    close();
    throw err;
  }
  return { count: streams.length, receipts, close };
}

export interface FlowRun {
  orders: number;
  perSecond: number;
  /** Order acknowledged (201 complete at the client) → order.created received on a stream, ms. */
  delivery: Distribution;
  /** Order request sent → order.created received: everything a guest's tap takes to reach the kitchen, ms. */
  fromSend: Distribution;
  /** Ack → event, only for streams on another replica than the one that took the order. */
  crossReplica: Distribution | null;
  /** Deliveries that arrived before the order's 201 did (counted as 0 ms above). */
  beforeAck: number;
  /** Expected deliveries (the store's dashboard and the table's tablet) that never came. */
  missing: number;
  duplicates: number;
  errors: number;
}

/** Orders flow at a steady rate from random tables of every store while the streams are open. */
export async function runFlow(options: {
  world: World;
  replicas: RunningProcess[];
  streams: StreamSet;
  perSecond: number;
  durationMs: number;
  ledger: Ledger;
}): Promise<FlowRun> {
  const { world, replicas, streams, ledger } = options;
  streams.receipts.clear();
  const clients = replicas.map((replica) => new LoadClient(replica.url, 64));
  const tables = world.stores.flatMap((store) => store.tables.map((table) => ({ store, table })));
  const placed: Array<{ id: string; sentAt: number; ackAt: number; replica: number }> = [];
  let errors = 0;
  const started = performance.now();
  try {
    await openLoop({
      perSecond: options.perSecond,
      durationMs: options.durationMs,
      start: async (index) => {
        const replica = index % replicas.length;
        const { store, table } = tables[Math.floor(Math.random() * tables.length)]!;
        const answer = await placeOrder(clients[replica]!, store, table);
        const id = record(ledger, answer);
        if (id) placed.push({ id, sentAt: answer.sentAt, ackAt: answer.doneAt, replica });
        else errors += 1;
      },
    });
  } finally {
    for (const client of clients) client.close();
  }
  const elapsed = performance.now() - started;
  const complete = () => placed.every((order) => (streams.receipts.get(order.id)?.length ?? 0) >= 2);
  const deadline = performance.now() + 5_000;
  while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

  const latencies: number[] = [];
  const fromSend: number[] = [];
  const cross: number[] = [];
  let beforeAck = 0;
  let missing = 0;
  let duplicates = 0;
  for (const order of placed) {
    const got = streams.receipts.get(order.id) ?? [];
    for (const kind of ['admin', 'table'] as const) {
      const mine = got.filter((receipt) => receipt.kind === kind);
      if (mine.length === 0) missing += 1;
      duplicates += Math.max(0, mine.length - 1);
      const first = mine[0];
      if (!first) continue;
      const latency = first.at - order.ackAt;
      if (latency < 0) beforeAck += 1;
      latencies.push(Math.max(0, latency));
      fromSend.push(first.at - order.sentAt);
      if (first.replica !== order.replica) cross.push(Math.max(0, latency));
    }
  }
  return {
    orders: placed.length,
    perSecond: placed.length / (elapsed / 1000),
    delivery: distribution(latencies),
    fromSend: distribution(fromSend),
    crossReplica: replicas.length > 1 ? distribution(cross) : null,
    beforeAck,
    missing,
    duplicates,
    errors,
  };
}

/** Samples the replicas' resident memory while `work` runs; returns the largest replica's peak, MB. */
export async function peakRss<T>(
  replicas: RunningProcess[],
  work: () => Promise<T>,
): Promise<{ value: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    for (const replica of replicas) peak = Math.max(peak, replica.rssMb() ?? 0);
  };
  sample();
  const timer = setInterval(sample, 200);
  try {
    const value = await work();
    sample();
    return { value, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}
