import autocannon, { type Result } from 'autocannon';
import type { CpuSplit } from '../lib/cpu.js';
import { LoadClient } from '../lib/http-load.js';
import type { BenchStore } from '../lib/world.js';

export interface ReadRun {
  perSecond: number;
  /** Requests answered as expected. */
  answered: number;
  /** CPU time spent during the run, filled in by the caller. */
  cpu?: CpuSplit;
  p50: number;
  p99: number;
  /** Answers other than the expected status, plus connection errors and timeouts. */
  errors: number;
}

/** Same client settings for our routes and for the hello-world ceiling, so their ratio is fair. */
export const READ_CONNECTIONS = 50;

/** The ceiling: a bare Fastify hello-world on this machine. */
export async function runHello(url: string, seconds: number): Promise<ReadRun> {
  const result = await autocannon({ url, connections: READ_CONNECTIONS, duration: seconds });
  return summarize(result, '2xx');
}

/**
 * Tablets reading the menu, spread over the stores' tables. With `etag`, every request carries
 * the store's current ETag and is answered 304 (what a tablet does on every screen wake-up).
 */
export async function runMenuReads(options: {
  url: string;
  stores: BenchStore[];
  seconds: number;
  etag: boolean;
}): Promise<ReadRun> {
  const etags = new Map<string, string>();
  if (options.etag) {
    for (const store of options.stores) {
      const res = await fetch(`${options.url}/api/v1/table/menu`, {
        headers: { authorization: `Bearer ${store.tables[0]!.token}` },
      });
      await res.arrayBuffer();
      const etag = res.headers.get('etag');
      if (res.status !== 200 || !etag) throw new Error(`the menu answered ${res.status} without an ETag`);
      etags.set(store.id, etag);
    }
  }
  const tables = options.stores.flatMap((store) => store.tables);
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: READ_CONNECTIONS,
    duration: options.seconds,
    requests: [
      {
        method: 'GET',
        path: '/api/v1/table/menu',
        setupRequest(request) {
          const table = tables[next++ % tables.length]!;
          const headers: Record<string, string> = { authorization: `Bearer ${table.token}` };
          const etag = etags.get(table.storeId);
          if (etag) headers['if-none-match'] = etag;
          return { ...request, headers };
        },
      },
    ],
  });
  return summarize(result, options.etag ? '3xx' : '2xx');
}

function summarize(result: Result, expected: '2xx' | '3xx'): ReadRun {
  const answered = result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    perSecond: result[expected] / result.duration,
    answered: result[expected],
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: answered - result[expected] + result.errors + result.timeouts,
  };
}

/**
 * Every table of `stores` reads its menu once, a few at a time: what each tablet does when it
 * wakes up, and what fills a server's per-table and per-store caches before anything is timed.
 */
export async function readEveryMenuOnce(url: string, stores: BenchStore[], concurrency = 16): Promise<void> {
  const client = new LoadClient(url, concurrency);
  const tables = stores.flatMap((store) => store.tables);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < tables.length) {
          const table = tables[next++] as (typeof tables)[number];
          const answer = await client.send({
            method: 'GET',
            path: '/api/v1/table/menu',
            headers: { authorization: `Bearer ${table.token}` },
          });
          if (answer.status !== 200) throw new Error(`a table's menu answered ${answer.status}`);
        }
      }),
    );
  } finally {
    client.close();
  }
}
