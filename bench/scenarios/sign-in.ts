import { LoadClient } from '../lib/http-load.js';
import { type Distribution, distribution } from '../lib/stats.js';
import { type BenchStore, TABLE_PASSWORD } from '../lib/world.js';

export interface SignInRun {
  perSecond: number;
  latency: Distribution;
  errors: number;
}

/**
 * Tablets signing in again all at once (their tokens ran out together). Each store's tablets come
 * from the store's own address, as behind a restaurant's NAT; the proxy's X-Forwarded-For says so.
 */
export async function runSignIns(options: {
  url: string;
  stores: BenchStore[];
  count: number;
  concurrency: number;
}): Promise<SignInRun> {
  const client = new LoadClient(options.url, options.concurrency);
  const logins = options.stores.flatMap((store, s) =>
    store.tables.map((table) => ({ code: store.code, number: table.number, ip: `198.51.100.${s + 1}` })),
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.count) {
          const login = logins[next++ % logins.length]!;
          const answer = await client.send({
            method: 'POST',
            path: '/api/v1/auth/table/login',
            headers: { 'x-forwarded-for': login.ip },
            body: JSON.stringify({ storeCode: login.code, tableNumber: login.number, password: TABLE_PASSWORD }),
          });
          if (answer.status === 200) latencies.push(answer.doneAt - answer.sentAt);
          else errors += 1;
        }
      }),
    );
    return {
      perSecond: latencies.length / ((performance.now() - started) / 1000),
      latency: distribution(latencies),
      errors,
    };
  } finally {
    client.close();
  }
}
