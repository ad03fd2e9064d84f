import type { CpuSplit } from './lib/cpu.js';
import { int, ms, type Row, range, ratio, verdict } from './lib/report.js';
import type { Settings } from './lib/settings.js';
import { median } from './lib/stats.js';
import { READ_CONNECTIONS, type ReadRun } from './scenarios/http-reads.js';
import type { OrderRun } from './scenarios/orders.js';
import { SALES_DAYS, type SalesRun, type SalesWorld } from './scenarios/sales.js';
import type { EngineResult, FanoutResult, Limits } from './suite.js';

const med = <T>(runs: T[], pick: (run: T) => number) => median(runs.map(pick));
const maxOf = <T>(runs: T[], pick: (run: T) => number) => Math.max(...runs.map(pick));

/** The limits of every engine's rounds together, one row each. */
export function limitRows(results: EngineResult[]): Row[] {
  const limits: Limits = {
    hello: results.flatMap((r) => r.limits.hello),
    bcryptPerSecond: results.flatMap((r) => r.limits.bcryptPerSecond),
    pgbench: results.find((r) => r.limits.pgbench)?.limits.pgbench ?? null,
  };
  const rows: Row[] = [
    {
      scenario: `Limit: bare Fastify hello-world, ${READ_CONNECTIONS} connections`,
      engine: 'Node',
      figure: `${int(med(limits.hello, (r) => r.perSecond))} req/s${range(limits.hello.map((r) => r.perSecond))} · p99 ${ms(med(limits.hello, (r) => r.p99))}`,
      target: '—',
      limit: '—',
      ratio: '—',
    },
  ];
  if (limits.bcryptPerSecond.length > 0) {
    rows.push({
      scenario: 'Limit: bcrypt compare, cost 10, 4 threads (between sign-in rounds)',
      engine: 'Node',
      figure: `${int(median(limits.bcryptPerSecond))} /s${range(limits.bcryptPerSecond)}`,
      target: '—',
      limit: '—',
      ratio: '—',
    });
  }
  const pg = limits.pgbench;
  if (pg) {
    const line = (scenario: string, samples: number[]) => ({
      scenario,
      engine: 'PostgreSQL',
      figure: `${int(median(samples))} TPS${range(samples)}`,
      target: '—',
      limit: '—',
      ratio: '—',
    });
    rows.push(
      line(`Limit: pgbench 1-row INSERT, ${pg.clients} clients`, pg.insert),
      line('Limit: pgbench 1-row INSERT, 1 client', pg.insertOne),
      line(`Limit: pgbench one hot row (UPDATE + INSERT + COMMIT), ${pg.clients} clients`, pg.hotRow),
    );
  }
  return rows;
}

/** An engine's scenarios, each compared with the limit measured in the same rounds. */
export function engineRows(result: EngineResult, settings: Settings): Row[] {
  const limits = result.limits;
  const rows: Row[] = [];
  const engine = result.engine;
  const postgres = result.kind === 'postgres';
  const pg = limits.pgbench;
  const hello = med(limits.hello, (r) => r.perSecond);

  const orderRow = (scenario: string, runs: EngineResult['ordersManyStores'], limitName: string, limit: number) => {
    const perSecond = med(runs, (r) => r.perSecond);
    const p99 = med(runs, (r) => r.latency.p99);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    return {
      scenario,
      engine,
      figure: `${int(perSecond)} orders/s${range(runs.map((r) => r.perSecond))} · p50 ${ms(med(runs, (r) => r.latency.p50))} · p99 ${ms(p99)} · ${errors} errors`,
      target: postgres
        ? verdict('≥ 1,000/s, p99 < 50 ms', perSecond >= 1_000 && p99 < 50 && errors === 0)
        : 'reference',
      limit: Number.isFinite(limit) ? `${limitName} ${int(limit)}` : '—',
      ratio: ratio(perSecond, limit),
    };
  };
  rows.push(
    orderRow(
      `Orders: ${settings.concurrency} tablets at once, ${settings.stores} stores`,
      result.ordersManyStores,
      `pgbench INSERT ${pg?.clients ?? ''} clients`,
      pg ? median(pg.insert) : Number.NaN,
    ),
  );
  if (result.ordersOneStore.length > 0) {
    const row = orderRow(
      `Orders: ${settings.concurrency} tablets at once, 1 store`,
      result.ordersOneStore,
      'pgbench hot row',
      pg ? median(pg.hotRow) : Number.NaN,
    );
    row.target = 'per-store ceiling';
    rows.push(row);
  }
  const v = result.verification;
  rows.push({
    scenario: 'Orders check: database vs acknowledged',
    engine,
    figure: `${int(v.acked)} acked · ${int(v.inDatabase)} in DB · ${v.lost} lost · ${v.extra} extra · numbering ${v.badNumbering === 0 ? 'gapless' : `bad in ${v.badNumbering} stores`} · event log ${v.badEventLog === 0 ? 'gapless' : `bad in ${v.badEventLog} stores`}`,
    target: verdict('0 lost, 0 extra', v.lost === 0 && v.extra === 0 && v.badNumbering === 0 && v.badEventLog === 0),
    limit: '—',
    ratio: '—',
  });
  const readRow = (scenario: string, runs: ReadRun[]) => {
    const perSecond = med(runs, (r) => r.perSecond);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    return {
      scenario,
      engine,
      figure: `${int(perSecond)} req/s${range(runs.map((r) => r.perSecond))} · p99 ${ms(med(runs, (r) => r.p99))} · ${errors} errors`,
      target: postgres ? verdict('≥ 5,000 req/s', perSecond >= 5_000 && errors === 0) : 'reference',
      limit: `hello-world ${int(hello)}`,
      ratio: ratio(perSecond, hello),
    };
  };
  rows.push(readRow('Menu read, no ETag (200)', result.menu), readRow('Menu read with ETag (304)', result.menuEtag));
  if (result.signIns.length > 0) {
    const runs = result.signIns;
    const perSecond = med(runs, (r) => r.perSecond);
    const bcrypt = median(limits.bcryptPerSecond);
    rows.push({
      scenario: `Tablet sign-in, ${settings.signIns} tablets, 8 at once`,
      engine,
      figure: `${int(perSecond)} sign-ins/s${range(runs.map((r) => r.perSecond))} · p99 ${ms(med(runs, (r) => r.latency.p99))} · ${runs.reduce((sum, r) => sum + r.errors, 0)} errors`,
      target: '—',
      limit: `bcrypt ${int(bcrypt)}/s`,
      ratio: ratio(perSecond, bcrypt),
    });
  }
  for (const fanout of result.fanout) rows.push(fanoutRow(engine, fanout, settings, postgres));
  if (result.sales) rows.push(...salesRows(engine, postgres, result.sales.world, result.sales.run));
  return rows;
}

function fanoutRow(engine: string, fanout: FanoutResult, settings: Settings, postgres: boolean): Row {
  const runs = fanout.flows;
  const p99 = med(runs, (r) => r.delivery.p99);
  const missing = runs.reduce((sum, r) => sum + r.missing + r.duplicates + r.errors, 0);
  const cross =
    fanout.replicas > 1 ? ` · cross-replica p99 ${ms(med(runs, (r) => r.crossReplica?.p99 ?? Number.NaN))}` : '';
  const where = fanout.replicas > 1 ? `${fanout.replicas} replicas via Redis` : '1 replica';
  return {
    scenario: `SSE fan-out: ${int(fanout.streams)} streams, ${where}, ${settings.flowRate} orders/s`,
    engine,
    figure: `201→event p50 ${ms(med(runs, (r) => r.delivery.p50))} · p99 ${ms(p99)} · max ${ms(maxOf(runs, (r) => r.delivery.max))}${cross} · sent→event p99 ${ms(med(runs, (r) => r.fromSend.p99))} · RSS ${int(fanout.rssPeakMb)} MB · ${missing} missing`,
    target: postgres
      ? verdict('p99 < 100 ms, RSS < 250 MB', p99 < 100 && fanout.rssPeakMb < 250 && missing === 0)
      : 'reference',
    limit: '—',
    ratio: '—',
  };
}

/** CPU per order or request, split by process: where the machine's cores went. */
export function cpuNotes(result: EngineResult, cores: number): string[] {
  const lines: string[] = [];
  const line = (what: string, runs: Array<{ cpu?: CpuSplit | undefined; units: number }>) => {
    const per = (pick: (cpu: CpuSplit) => number) =>
      median(runs.map((run) => (run.cpu && run.units > 0 ? pick(run.cpu) / run.units : Number.NaN)));
    const server = per((c) => c.server);
    const postgres = per((c) => c.postgres);
    const client = per((c) => c.client);
    if (!Number.isFinite(server)) return;
    const total = server + postgres + client;
    const embedded = result.kind === 'pglite';
    // PGlite runs inside the server's one thread: that thread, not the machine, is its ceiling.
    const ceiling = embedded ? (1000 / server).toFixed(0) : ((cores * 1000) / total).toFixed(0);
    lines.push(
      embedded
        ? `- ${result.engine}, ${what}: CPU per unit — server with its embedded database ${server.toFixed(2)} ms, load generator ${client.toFixed(2)} ms; its one thread at that cost gives at most ${int(Number(ceiling))}/s.`
        : `- ${result.engine}, ${what}: CPU per unit — server ${server.toFixed(2)} ms, PostgreSQL ${postgres.toFixed(2)} ms, load generator ${client.toFixed(2)} ms; ${cores} cores at that cost give at most ${int(Number(ceiling))}/s.`,
    );
  };
  const orders = (runs: OrderRun[]) => runs.map((run) => ({ cpu: run.cpu, units: run.orders }));
  const reads = (runs: ReadRun[]) => runs.map((run) => ({ cpu: run.cpu, units: run.answered }));
  line('orders, many stores', orders(result.ordersManyStores));
  line('orders, one store', orders(result.ordersOneStore));
  line('menu reads (200)', reads(result.menu));
  line('menu reads (304)', reads(result.menuEtag));
  return lines;
}

/** The sales scenario: the owner's year-long report, the super-admin's comparison, the CSV. */
export function salesRows(engine: string, postgres: boolean, world: SalesWorld, run: SalesRun): Row[] {
  const what = `${SALES_DAYS} days, ${int(world.orders)} orders, ${int(world.lines)} lines`;
  const ok = run.mismatches.length === 0;
  const checked = ok
    ? 'answers match the seeded totals'
    : `${run.mismatches.length} answers wrong: ${run.mismatches[0]}`;
  const latency = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${ms(median(values))} (${ms(sorted[0] ?? Number.NaN)}–${ms(sorted.at(-1) ?? Number.NaN)}, ${values.length} requests)`;
  };
  const report = median(run.report);
  const csvSeconds = median(run.csv) / 1000;
  return [
    {
      scenario: `Sales report (owner), ${what}`,
      engine,
      figure: `${latency(run.report)} · ${checked}`,
      target: postgres ? verdict('< 1 s', report < 1_000 && ok) : 'reference',
      limit: '—',
      ratio: '—',
    },
    {
      scenario: `Sales comparison (super-admin), same ${SALES_DAYS} days`,
      engine,
      figure: latency(run.superadmin),
      target: postgres ? verdict('< 1 s', median(run.superadmin) < 1_000 && ok) : 'reference',
      limit: '—',
      ratio: '—',
    },
    {
      scenario: `Sales CSV, ${SALES_DAYS} days, streamed`,
      engine,
      figure: `${csvSeconds.toFixed(1)} s for ${int(run.csvRows)} rows, ${(run.csvBytes / 1_048_576).toFixed(1)} MB (${int(run.csvRows / csvSeconds)} rows/s)`,
      target: '—',
      limit: '—',
      ratio: '—',
    },
  ];
}
