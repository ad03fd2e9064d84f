import { randomBytes } from 'node:crypto';
import { formatTable } from './lib/report.js';
import { ensureServerBuilt, startApp } from './lib/servers.js';
import { loadSettings } from './lib/settings.js';
import { cleanUpAll, type Engine, pgliteEngine, postgresEngine } from './lib/world.js';
import { salesRows } from './rows.js';
import { runSales, seedSalesYear } from './scenarios/sales.js';

/**
 * The sales scenario alone, for working on the report's queries and indexes:
 * `npx tsx bench/sales.ts` (BENCH_ENGINES, BENCH_SALES_ORDERS, BENCH_REPEATS as for `npm run bench`).
 * Seeds a year of a busy store, starts the server, times the report, the comparison and the CSV.
 * With BENCH_KEEP=1 the PostgreSQL database is kept (its name is printed) for EXPLAIN ANALYZE.
 */
async function main(): Promise<void> {
  const settings = loadSettings();
  ensureServerBuilt();
  const keep = process.env.BENCH_KEEP === '1';
  const rows = [];
  for (const kind of settings.engines ?? ['postgres']) {
    const engine: Engine = kind === 'postgres' ? await postgresEngine(settings.databaseUrl, undefined) : pgliteEngine();
    const secret = randomBytes(32).toString('hex');
    try {
      console.log(`${engine.label}: seeding ${settings.salesOrders.toLocaleString('en-US')} orders over a year`);
      const world = await seedSalesYear(engine, secret, settings.salesOrders);
      console.log(`${engine.label}: seeded in ${world.seedSeconds.toFixed(0)} s`);
      const server = await startApp(engine, { stores: [], secret }, { label: `${engine.label} server` });
      try {
        const run = await runSales({
          url: server.url,
          world,
          repeats: settings.repeats * 3,
          csvRepeats: settings.repeats,
        });
        rows.push(...salesRows(engine.label, kind === 'postgres', world, run));
      } finally {
        await server.stop();
      }
    } finally {
      if (keep && engine.postgres) console.log(`kept database ${engine.postgres.database}`);
      else await engine.dispose();
    }
  }
  console.log('');
  console.log(
    formatTable(
      ['Scenario', 'Engine', 'Figure (median)', 'Target'],
      rows.map((r) => [r.scenario, r.engine, r.figure, r.target]),
    ),
  );
}

process.once('SIGINT', () => {
  void cleanUpAll().finally(() => process.exit(130));
});

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
