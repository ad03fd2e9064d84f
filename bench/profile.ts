import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printSummary, summarizeProfile } from './lib/cpu-profile.js';
import { startApp } from './lib/servers.js';
import { loadSettings } from './lib/settings.js';
import { pgliteEngine, postgresEngine, seedWorld } from './lib/world.js';
import { openStreams, runFlow } from './scenarios/fanout.js';
import { runMenuReads } from './scenarios/http-reads.js';
import { newLedger, runOrders } from './scenarios/orders.js';

/**
 * Profiles the server under one scenario:
 * `tsx bench/profile.ts orders|orders-one-store|orders-8-tables|menu|menu-etag|fanout [seconds]`
 * (orders-8-tables: the workload, one store's first 8 tables, 50 at once)
 * (PostgreSQL unless BENCH_ENGINES=pglite). Prints where the server's CPU time went.
 */
async function main(): Promise<void> {
  const scenario = process.argv[2] ?? 'orders';
  const seconds = Number(process.argv[3] ?? 10);
  const settings = loadSettings();
  const engine =
    settings.engines?.[0] === 'pglite' ? pgliteEngine() : await postgresEngine(settings.databaseUrl, settings.redisUrl);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-profile-'));
  try {
    const world = await seedWorld(engine, { stores: 20, tablesPerStore: 99, categories: 4, dishesPerCategory: 4 });
    const server = await startApp(engine, world, { label: 'server', profileDir });
    const ledger = newLedger();
    try {
      if (scenario === 'orders' || scenario === 'orders-one-store' || scenario === 'orders-8-tables') {
        const stores = scenario === 'orders' ? world.stores : world.stores.slice(0, 1);
        const eight = scenario === 'orders-8-tables';
        const run = await runOrders({
          url: server.url,
          stores,
          concurrency: eight ? 50 : settings.concurrency,
          durationMs: seconds * 1000,
          ledger,
          ...(eight ? { tablesPerStore: 8 } : {}),
        });
        console.log(
          `${Math.round(run.perSecond)} orders/s, p50 ${run.latency.p50.toFixed(1)} ms, p99 ${run.latency.p99.toFixed(1)} ms`,
        );
      } else if (scenario === 'menu' || scenario === 'menu-etag') {
        const run = await runMenuReads({
          url: server.url,
          stores: world.stores,
          seconds,
          etag: scenario === 'menu-etag',
        });
        console.log(`${Math.round(run.perSecond)} req/s, p99 ${run.p99} ms, ${run.errors} errors`);
      } else if (scenario === 'fanout') {
        const streams = await openStreams(world, [server]);
        const run = await runFlow({
          world,
          replicas: [server],
          streams,
          perSecond: settings.flowRate,
          durationMs: seconds * 1000,
          ledger,
        });
        streams.close();
        console.log(`${run.orders} orders, delivery p99 ${run.delivery.p99.toFixed(1)} ms, ${run.missing} missing`);
      } else {
        throw new Error(`unknown scenario ${scenario}`);
      }
    } finally {
      await server.stop();
    }
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no profile');
    console.log(printSummary(summarizeProfile(path.join(profileDir, file))));
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
    await engine.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
