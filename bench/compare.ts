import { CpuMeter, type CpuSplit } from './lib/cpu.js';
import type { RunningProcess } from './lib/processes.js';
import { formatTable, int, ms, ratio } from './lib/report.js';
import { ensureServerBuilt, startApp } from './lib/servers.js';
import { loadSettings } from './lib/settings.js';
import { median } from './lib/stats.js';
import { postgresEngine, seedWorld } from './lib/world.js';
import { runMenuReads } from './scenarios/http-reads.js';
import { newLedger, runOrders } from './scenarios/orders.js';

/**
 * Before/after on PostgreSQL: `BENCH_BASELINE_ROOT=<a built checkout> tsx bench/compare.ts` (the
 * candidate is this checkout, or BENCH_CANDIDATE_ROOT).
 * Both servers run side by side on one database and take turns, scenario by scenario, so the
 * noise of a shared machine falls on both alike. Prints medians and CPU per order or request.
 */
interface Sample {
  perSecond: number;
  p99: number;
  cpu: CpuSplit;
  units: number;
}

async function main(): Promise<void> {
  const baselineRoot = process.env.BENCH_BASELINE_ROOT;
  if (!baselineRoot) throw new Error('set BENCH_BASELINE_ROOT to a checkout built with `npm run build:server`');
  const settings = loadSettings();
  ensureServerBuilt();
  const engine = await postgresEngine(settings.databaseUrl, settings.redisUrl);
  const servers: RunningProcess[] = [];
  try {
    const world = await seedWorld(engine, { stores: 20, tablesPerStore: 99, categories: 4, dishesPerCategory: 4 });
    servers.push(await startApp(engine, world, { label: 'before', root: baselineRoot }));
    servers.push(await startApp(engine, world, { label: 'after', root: process.env.BENCH_CANDIDATE_ROOT }));
    const ledger = newLedger();
    const seconds = settings.seconds;
    const scenarios = {
      'orders, 20 stores': (url: string) =>
        runOrders({ url, stores: world.stores, concurrency: settings.concurrency, durationMs: seconds * 1000, ledger }),
      'orders, 1 store': (url: string) =>
        runOrders({
          url,
          stores: world.stores.slice(0, 1),
          concurrency: settings.concurrency,
          durationMs: seconds * 1000,
          ledger,
        }),
      'menu read (200)': (url: string) =>
        runMenuReads({ url, stores: world.stores, seconds: settings.readSeconds, etag: false }),
      'menu read (304)': (url: string) =>
        runMenuReads({ url, stores: world.stores, seconds: settings.readSeconds, etag: true }),
    };
    const samples = new Map<string, Sample[]>();
    for (const server of servers) {
      // Warm-up, not recorded.
      await scenarios['orders, 20 stores'](server.url);
      await scenarios['menu read (200)'](server.url);
    }
    for (let round = 1; round <= settings.repeats; round++) {
      console.log(`round ${round}/${settings.repeats}`);
      for (const [name, run] of Object.entries(scenarios)) {
        // Alternate which build goes first.
        const order = round % 2 === 1 ? servers : [...servers].reverse();
        for (const server of order) {
          const meter = new CpuMeter([server.pid], engine.postgres);
          await meter.begin();
          const result = await run(server.url);
          const cpu = await meter.end();
          const sample: Sample =
            'orders' in result
              ? { perSecond: result.perSecond, p99: result.latency.p99, cpu, units: result.orders }
              : { perSecond: result.perSecond, p99: result.p99, cpu, units: result.answered };
          const key = `${name}|${server.label}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }
    const lines = Object.keys(scenarios).flatMap((name) => {
      const [before, after] = servers.map((server) => summarize(samples.get(`${name}|${server.label}`) ?? []));
      if (!before || !after) return [];
      return [
        [
          name,
          `${int(before.perSecond)}/s · p99 ${ms(before.p99)}`,
          before.cpu,
          `${int(after.perSecond)}/s · p99 ${ms(after.p99)}`,
          after.cpu,
          ratio(after.perSecond, before.perSecond),
        ],
      ];
    });
    console.log(
      formatTable(['Scenario (PostgreSQL)', 'Before', 'CPU per unit', 'After', 'CPU per unit', 'After/before'], lines),
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await engine.dispose();
  }
}

function summarize(samples: Sample[]) {
  const per = (pick: (cpu: CpuSplit) => number) => median(samples.map((s) => pick(s.cpu) / Math.max(1, s.units)));
  return {
    perSecond: median(samples.map((s) => s.perSecond)),
    p99: median(samples.map((s) => s.p99)),
    cpu: `server ${per((c) => c.server).toFixed(2)} + PG ${per((c) => c.postgres).toFixed(2)} + client ${per((c) => c.client).toFixed(2)} ms`,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
