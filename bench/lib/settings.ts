/** Knobs of a run, from the environment (every one optional). */
export interface Settings {
  repeats: number;
  /** Length of each order and fan-out window. */
  seconds: number;
  /** Length of each read window (hello-world, menu) and each pgbench run. */
  readSeconds: number;
  /** Tablets ordering at once in the order scenarios. */
  concurrency: number;
  /** Orders per second flowing while the streams are open. */
  flowRate: number;
  stores: number;
  tablesPerStore: number;
  /** Sign-ins per repeat of the sign-in scenario. */
  signIns: number;
  /** Orders in the busy store's year that the sales scenario reports on. */
  salesOrders: number;
  databaseUrl: string;
  redisUrl: string;
  engines: Array<'postgres' | 'pglite'> | null;
  profile: boolean;
  writeDocs: boolean;
}

const number = (name: string, fallback: number, min: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return value;
};

export function loadSettings(): Settings {
  const engines = process.env.BENCH_ENGINES?.split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const engine of engines ?? []) {
    if (engine !== 'postgres' && engine !== 'pglite') throw new Error('BENCH_ENGINES lists postgres and/or pglite');
  }
  return {
    repeats: Math.round(number('BENCH_REPEATS', 3, 1)),
    seconds: number('BENCH_SECONDS', 8, 1),
    readSeconds: Math.round(number('BENCH_READ_SECONDS', 5, 1)),
    concurrency: Math.round(number('BENCH_CONCURRENCY', 32, 1)),
    flowRate: number('BENCH_FLOW_RATE', 100, 1),
    stores: 20,
    tablesPerStore: 99,
    signIns: Math.round(number('BENCH_SIGN_INS', 100, 1)),
    salesOrders: Math.round(number('BENCH_SALES_ORDERS', 200_000, 3)),
    databaseUrl:
      process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    engines: engines && engines.length > 0 ? (engines as Array<'postgres' | 'pglite'>) : null,
    profile: process.env.BENCH_PROFILE === '1',
    writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
  };
}

export const SETTINGS_HELP = [
  'BENCH_REPEATS (3)  BENCH_SECONDS (8)  BENCH_READ_SECONDS (5)  BENCH_CONCURRENCY (32)',
  'BENCH_FLOW_RATE (100 orders/s)  BENCH_SIGN_INS (100)  BENCH_SALES_ORDERS (200000)  BENCH_ENGINES (postgres,pglite)',
  'BENCH_DATABASE_URL / BENCH_REDIS_URL  BENCH_PROFILE=1 (CPU profiles)  BENCH_WRITE_DOCS=0',
].join('\n');
