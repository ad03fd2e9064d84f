import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Checkout, prepareCheckout, thisCheckout } from './lib/checkout.js';
import { CpuMeter, type CpuSplit } from './lib/cpu.js';
import { LoadClient } from './lib/http-load.js';
import { type BuildKit, loadKit } from './lib/kit.js';
import { describeMachine } from './lib/machine.js';
import { sampleWaits, type WaitShares } from './lib/pg-waits.js';
import { PgWireCounter, type WireCounts } from './lib/pg-wire-counter.js';
import { ROOT, type RunningProcess } from './lib/processes.js';
import { type PrivateRedis, startPrivateRedis } from './lib/redis-server.js';
import { formatMarkdownTable, formatTable, int, ms } from './lib/report.js';
import { ensureServerBuilt, startApp } from './lib/servers.js';
import { probePostgres, probeRedis } from './lib/services.js';
import { loadSettings } from './lib/settings.js';
import { median } from './lib/stats.js';
import { type Verification, verifyOrders } from './lib/verify.js';
import { type BenchTable, cleanUpAll, type Engine, postgresEngine, seedWorld, type World } from './lib/world.js';
import { type ReadRun, readEveryMenuOnce, runMenuReads } from './scenarios/http-reads.js';
import { requestedCheckpoints } from './scenarios/limits.js';
import { type Ledger, newLedger, type OrderRun, placeOrder, record, runOrders } from './scenarios/orders.js';

/**
 * Before and after, in one run, on PostgreSQL + Redis:
 *
 *   npm run bench:compare -- --baseline 8614b60 [--baseline 628bc24]
 *
 * Each baseline commit is extracted and compiled beside this checkout (lib/checkout.ts; or give
 * `--baseline-root <a built checkout>`), and the candidate is this checkout (or
 * `--candidate-root`). Every build gets a database of its own, created for the run and dropped
 * after it, migrated and seeded by that build's own code, a Redis of its own (the servers share
 * one event channel), and its own server. The builds take turns scenario by scenario, round by
 * round, each going first in turn, so the noise of a shared machine falls on all of them alike.
 * Then each build is run once more through a proxy that counts what goes over the wire to
 * PostgreSQL per order and per menu read, and finally each database is checked against the
 * orders its server acknowledged.
 *
 * Knobs: BENCH_REPEATS (3 rounds), BENCH_SECONDS (10, the order windows), BENCH_READ_SECONDS (10),
 * BENCH_CONCURRENCY (32 tablets across 20 stores), BENCH_DATABASE_URL, BENCH_REDIS_URL (used
 * only where redis-server cannot be started).
 */

interface Build {
  label: string;
  baseline: boolean;
  commit: string;
  subject: string;
  /** A checkout other than this one, or undefined for this checkout. */
  root: string | undefined;
  kit: BuildKit;
  redis: PrivateRedis | null;
  engine: Engine;
  world: World;
  /** Stores whose dishes offer choice groups (builds that have them). */
  optionsWorld: World | null;
  server: RunningProcess | null;
  ledger: Ledger;
}

interface Sample {
  perSecond: number;
  p99: number;
  units: number;
  errors: number;
  mispriced: number;
  cpu: CpuSplit;
  /** Average number of the database's backends running, waiting for locks, for the WAL… */
  waits?: WaitShares | undefined;
}

interface Scenario {
  name: string;
  unit: 'order' | 'read';
  /** null: the build cannot run it (no option groups). */
  run: (build: Build, url: string) => Promise<Sample> | null;
}

const WARM_UP_MS = 2_000;
const PROBE_MS = 3_000;

const began = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      baseline: { type: 'string', multiple: true },
      'baseline-root': { type: 'string', multiple: true },
      'candidate-root': { type: 'string' },
    },
  });
  const settings = loadSettings();
  const seconds = Number(process.env.BENCH_SECONDS || 10);
  const readSeconds = Number(process.env.BENCH_READ_SECONDS || 10);
  const postgresVersion = await probePostgres(settings.databaseUrl);
  if (!postgresVersion) throw new Error(`PostgreSQL does not answer at ${settings.databaseUrl}`);
  const loads = sampleLoadAverage();
  const checkpointsAtStart = await requestedCheckpoints(settings.databaseUrl);

  const baselineRoots = [
    ...(args['baseline-root'] ?? []),
    ...(process.env.BENCH_BASELINE_ROOT ? [process.env.BENCH_BASELINE_ROOT] : []),
  ];
  const revs = args.baseline ?? (baselineRoots.length === 0 ? ['8614b60'] : []);
  const checkouts: Array<Pick<Checkout, 'commit' | 'subject' | 'root'> & { label: string }> = [
    ...revs.map((rev) => {
      const checkout = prepareCheckout(rev, log);
      return { ...checkout, label: checkout.commit.slice(0, 7) };
    }),
    ...baselineRoots.map((root) => ({ root, commit: '', subject: root, label: path.basename(root) })),
  ];
  ensureServerBuilt();
  const here = thisCheckout();
  const candidateRoot = args['candidate-root'] ?? process.env.BENCH_CANDIDATE_ROOT;
  const candidate = {
    root: candidateRoot,
    commit: candidateRoot ? '' : here.commit,
    subject: candidateRoot ?? here.subject,
    label: candidateRoot ? path.basename(candidateRoot) : `${here.commit.slice(0, 7)}${here.dirty ? '+' : ''} (this)`,
  };

  const builds: Build[] = [];
  try {
    for (const [i, checkout] of [...checkouts, candidate].entries()) {
      const kit = await loadKit(checkout.root ?? ROOT);
      const redis = await startPrivateRedis();
      const redisUrl = redis?.url ?? settings.redisUrl;
      if (!redis && !(await probeRedis(redisUrl)))
        throw new Error(`no redis-server to start, and no Redis at ${redisUrl}`);
      if (!redis) log(`redis-server could not be started: every build uses ${redisUrl} (they see each other's events)`);
      let engine: Engine | null = null;
      try {
        engine = await postgresEngine(settings.databaseUrl, redisUrl, kit);
        log(`${checkout.label}: database ${engine.postgres?.database}, Redis ${redisUrl}; seeding`);
        const shape = { stores: 20, tablesPerStore: 99, categories: 4, dishesPerCategory: 4, kit };
        const world = await seedWorld(engine, shape);
        const optionsWorld = kit.hasOptions
          ? await seedWorld(engine, { ...shape, withOptions: true, secret: world.secret })
          : null;
        builds.push({
          ...checkout,
          baseline: i < checkouts.length,
          kit,
          redis,
          engine,
          world,
          optionsWorld,
          server: null,
          ledger: newLedger(),
        });
      } catch (err) {
        await engine?.dispose();
        await redis?.stop();
        throw err;
      }
    }
    // The seeding connections have closed and reported their counts: what follows is the servers'.
    await sleep(1_000);
    const rowsBefore = new Map<string, Map<string, number>>();
    for (const build of builds) rowsBefore.set(build.label, await rowsWritten(build.engine));
    for (const build of builds) {
      build.server = await startApp(build.engine, build.world, { label: build.label, root: build.root });
    }

    const orders =
      (stores: World['stores'], concurrency: number, tablesPerStore?: number) =>
      (build: Build, url: string, durationMs = seconds * 1000) =>
        metered(build, () => runOrders({ url, stores, concurrency, durationMs, ledger: build.ledger, tablesPerStore }));
    const scenarios: Scenario[] = [
      {
        name: 'Orders, 1 store, 8 tables, 50 connections',
        unit: 'order',
        run: (b, url) => orders(b.world.stores.slice(0, 1), 50, 8)(b, url),
      },
      {
        name: `Orders, 20 stores, ${settings.concurrency} tablets`,
        unit: 'order',
        run: (b, url) => orders(b.world.stores, settings.concurrency)(b, url),
      },
      {
        name: `Orders with options, 20 stores, ${settings.concurrency} tablets`,
        unit: 'order',
        run: (b, url) => (b.optionsWorld ? orders(b.optionsWorld.stores, settings.concurrency)(b, url) : null),
      },
      {
        name: 'Menu read (200), 50 connections',
        unit: 'read',
        run: (b, url) =>
          metered(b, () => runMenuReads({ url, stores: b.world.stores, seconds: readSeconds, etag: false })),
      },
      {
        name: 'Menu read with ETag (304), 50 connections',
        unit: 'read',
        run: (b, url) =>
          metered(b, () => runMenuReads({ url, stores: b.world.stores, seconds: readSeconds, etag: true })),
      },
    ];

    log('warm-up');
    for (const build of builds) {
      const url = serverOf(build).url;
      // Every tablet wakes up and reads its menu once, as in a restaurant before the first order.
      await readEveryMenuOnce(url, [...build.world.stores, ...(build.optionsWorld?.stores ?? [])]);
      await orders(build.world.stores, settings.concurrency)(build, url, WARM_UP_MS);
      await orders(build.world.stores.slice(0, 1), 50, 8)(build, url, WARM_UP_MS);
      if (build.optionsWorld) await orders(build.optionsWorld.stores, settings.concurrency)(build, url, WARM_UP_MS);
      await runMenuReads({ url, stores: build.world.stores, seconds: 2, etag: false });
    }

    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < settings.repeats; round++) {
      log(`round ${round + 1}/${settings.repeats}`);
      for (const [s, scenario] of scenarios.entries()) {
        // Each build goes first in turn.
        const order = builds.map((_, i) => builds[(i + round + s) % builds.length] as Build);
        for (const build of order) {
          const running = scenario.run(build, serverOf(build).url);
          if (!running) continue;
          const sample = await running;
          const key = `${scenario.name}|${build.label}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }

    log('round trips to PostgreSQL, through a counting proxy');
    const wire = new Map<string, WireProbe[]>();
    for (const build of builds)
      wire.set(build.label, await probeWire(build, settings.databaseUrl, settings.concurrency));

    log('stopping the servers, checking every database');
    for (const build of builds) {
      await build.server?.stop();
      build.server = null;
    }
    await sleep(1_000);
    const writes = new Map<string, Map<string, number>>();
    for (const build of builds) {
      const after = await rowsWritten(build.engine);
      const before = rowsBefore.get(build.label) ?? new Map<string, number>();
      writes.set(build.label, new Map([...after].map(([table, n]) => [table, n - (before.get(table) ?? 0)])));
    }
    const checks = new Map<string, Verification>();
    for (const build of builds) {
      const storeIds = [...build.world.stores, ...(build.optionsWorld?.stores ?? [])].map((store) => store.id);
      checks.set(build.label, await verifyOrders(build.engine, build.ledger, storeIds));
    }
    loads.stop();
    const checkpoints = (await requestedCheckpoints(settings.databaseUrl)) - checkpointsAtStart;

    report({
      checkpoints,
      builds,
      scenarios,
      samples,
      wire,
      writes,
      checks,
      loads: loads.values,
      settings: { seconds, readSeconds, repeats: settings.repeats, concurrency: settings.concurrency },
      machine: describeMachine(postgresVersion),
    });
  } finally {
    loads.stop();
    for (const build of builds) {
      await build.server?.stop();
      await build.engine.dispose();
      await build.redis?.stop();
    }
  }
}

function serverOf(build: Build): RunningProcess {
  if (!build.server) throw new Error(`${build.label}: no server`);
  return build.server;
}

/** Runs a scenario while measuring the CPU of the build's server, its PostgreSQL backends and this process. */
async function metered(build: Build, run: () => Promise<OrderRun | ReadRun>): Promise<Sample> {
  const meter = new CpuMeter([serverOf(build).pid], build.engine.postgres);
  await meter.begin();
  const sampler = build.engine.postgres ? await sampleWaits(build.engine.postgres) : null;
  const result = await run();
  const waits = await sampler?.stop();
  const cpu = await meter.end();
  if ('orders' in result) {
    return {
      perSecond: result.perSecond,
      p99: result.latency.p99,
      units: result.orders,
      errors: result.errors,
      mispriced: result.mispriced,
      cpu,
      waits,
    };
  }
  return {
    perSecond: result.perSecond,
    p99: result.p99,
    units: result.answered,
    errors: result.errors,
    mispriced: 0,
    cpu,
  };
}

/** One probe of the counted server: what went over the wire per unit, the steady background taken off. */
export interface WireProbe {
  probe: string;
  units: number;
  counts: WireCounts;
  /** The idle server's own traffic over the same time (jobs, sweeps), already taken off `counts`. */
  background: WireCounts;
  /** CPU of the counted server and of the database's backends, ms (the proxy's is the load generator's). */
  cpu?: { server: number; postgres: number };
}

/**
 * A second server of the build, connected to PostgreSQL through the counting proxy: what one
 * order and one menu read cost in round trips, statements and transactions. Each probe's count
 * runs until the server has gone quiet again (work it finishes after the last answer counts too);
 * the idle server's steady traffic (its jobs), measured first, is taken off pro rata.
 */
async function probeWire(build: Build, databaseUrl: string, concurrency: number): Promise<WireProbe[]> {
  const target = new URL(databaseUrl);
  const counter = await PgWireCounter.start({ host: target.hostname, port: Number(target.port || 5432) });
  const server = await startApp(build.engine, build.world, {
    label: `${build.label} (counted)`,
    root: build.root,
    databaseUrl: counter.urlFor(build.engine.databaseUrl ?? databaseUrl),
  });
  const results: WireProbe[] = [];
  try {
    const { url } = server;
    const store = build.world.stores.slice(0, 1);
    const ordersRun = (stores: World['stores'], n: number, tablesPerStore?: number) =>
      runOrders({ url, stores, concurrency: n, durationMs: PROBE_MS, ledger: build.ledger, tablesPerStore });
    // Warm: every tablet has read its menu, every store has taken an order (its prices loaded),
    // every connection of the pool is open and its statements prepared.
    const everyStore = [...build.world.stores, ...(build.optionsWorld?.stores ?? [])];
    await readEveryMenuOnce(url, everyStore);
    const warm = new LoadClient(url, 1);
    try {
      for (const each of everyStore) record(build.ledger, await placeOrder(warm, each, each.tables[0] as BenchTable));
    } finally {
      warm.close();
    }
    await runOrders({ url, stores: build.world.stores, concurrency: 10, durationMs: 1_000, ledger: build.ledger });
    await runMenuReads({ url, stores: build.world.stores, seconds: 1, etag: false });
    const menu = await fetch(`${url}/api/v1/table/menu`, {
      headers: { authorization: `Bearer ${build.world.stores[0]?.tables[0]?.token}` },
    });
    const menuBytes = (await menu.arrayBuffer()).byteLength;
    await settle(counter);
    counter.take();
    await sleep(IDLE_MS);
    const idle = counter.take();
    const measure = async (probe: string, run: () => Promise<number>) => {
      const meter = new CpuMeter([server.pid], build.engine.postgres);
      await meter.begin();
      counter.take();
      const started = performance.now();
      const units = await run();
      const cpu = await meter.end();
      const counts = add(counter.take(), await settle(counter));
      const background = scale(idle, (performance.now() - started) / IDLE_MS);
      results.push({ probe, units, counts: subtract(counts, background), background, cpu });
    };
    await measure('Order, one at a time', async () => (await ordersRun(store, 1)).orders);
    await measure('Order, 1 store, 8 tables, 50 at once', async () => (await ordersRun(store, 50, 8)).orders);
    await measure(
      `Order, 20 stores, ${concurrency} at once`,
      async () => (await ordersRun(build.world.stores, concurrency)).orders,
    );
    const withOptions = build.optionsWorld;
    if (withOptions) {
      await measure('Order with options, one at a time', async () => (await ordersRun(withOptions.stores, 1)).orders);
      await measure(
        `Order with options, 20 stores, ${concurrency} at once`,
        async () => (await ordersRun(withOptions.stores, concurrency)).orders,
      );
    }
    // A visit's end (staff, 이용 완료): still a transaction of several statements written in
    // TypeScript. Every table of the second store orders once (not counted), then staff end the
    // visits one at a time.
    const visits = build.world.stores[1];
    if (visits) {
      const client = new LoadClient(url, 1);
      try {
        for (const table of visits.tables) record(build.ledger, await placeOrder(client, visits, table));
        await settle(counter);
        await measure('End of a visit (staff), one at a time', async () => {
          let ended = 0;
          for (const table of visits.tables) {
            const answer = await client.send({
              method: 'POST',
              path: `/api/v1/admin/tables/${table.id}/end-session`,
              headers: { authorization: `Bearer ${visits.staffToken}` },
            });
            if (answer.status === 200) ended += 1;
          }
          return ended;
        });
      } finally {
        client.close();
      }
    }
    await measure(
      'Menu read (200)',
      async () => (await runMenuReads({ url, stores: build.world.stores, seconds: 2, etag: false })).answered,
    );
    await measure(
      'Menu read with ETag (304)',
      async () => (await runMenuReads({ url, stores: build.world.stores, seconds: 2, etag: true })).answered,
    );
    results.push({ probe: 'Idle server, per second', units: IDLE_MS / 1000, counts: idle, background: zeroCounts() });
    menuSizes.set(build.label, menuBytes);
  } finally {
    await server.stop();
    await counter.close();
  }
  return results;
}

/**
 * Rows inserted, updated and deleted so far in each table of the build's database
 * (pg_stat_user_tables; a backend reports its counts at the latest when it exits).
 */
async function rowsWritten(engine: Engine): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: engine.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; n: string }>(
      'SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS n FROM pg_stat_user_tables',
    );
    return new Map(rows.map((row) => [row.relname, Number(row.n)]));
  } finally {
    await client.end();
  }
}

const IDLE_MS = 4_000;
/** The size of one store's menu answer (200) per build: what a menu read carries. */
const menuSizes = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a whole second passes with no more than a job's few round trips (at most 10 s), and
 * returns what went over the wire meanwhile.
 */
async function settle(counter: PgWireCounter): Promise<WireCounts> {
  let total = zeroCounts();
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    await sleep(1_000);
    const window = counter.take();
    total = add(total, window);
    if (window.roundTrips <= 6) break;
  }
  return total;
}

const COUNT_KEYS = ['roundTrips', 'transactionEnds', 'statements', 'parses', 'connections'] as const;
const zeroCounts = (): WireCounts => ({ roundTrips: 0, transactionEnds: 0, statements: 0, parses: 0, connections: 0 });
const add = (a: WireCounts, b: WireCounts): WireCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, a[k] + b[k]])) as unknown as WireCounts;
const scale = (c: WireCounts, f: number): WireCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, c[k] * f])) as unknown as WireCounts;
const subtract = (a: WireCounts, b: WireCounts): WireCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, Math.max(0, a[k] - b[k])])) as unknown as WireCounts;

/** The 1-minute load average every 5 s while the run lasts. */
function sampleLoadAverage() {
  const values = [os.loadavg()[0] ?? 0];
  const timer = setInterval(() => values.push(os.loadavg()[0] ?? 0), 5_000);
  timer.unref();
  return { values, stop: () => clearInterval(timer) };
}

interface Summary {
  perSecond: number;
  min: number;
  max: number;
  p99: number;
  server: number;
  postgres: number;
  client: number;
  errors: number;
  mispriced: number;
}

function summarize(list: Sample[]): Summary | null {
  if (list.length === 0) return null;
  const per = (pick: (cpu: CpuSplit) => number) => median(list.map((s) => pick(s.cpu) / Math.max(1, s.units)));
  const rates = list.map((s) => s.perSecond);
  return {
    perSecond: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    p99: median(list.map((s) => s.p99)),
    server: per((c) => c.server),
    postgres: per((c) => c.postgres),
    client: per((c) => c.client),
    errors: list.reduce((sum, s) => sum + s.errors, 0),
    mispriced: list.reduce((sum, s) => sum + s.mispriced, 0),
  };
}

function report(run: {
  builds: Build[];
  scenarios: Scenario[];
  samples: Map<string, Sample[]>;
  wire: Map<string, WireProbe[]>;
  writes: Map<string, Map<string, number>>;
  checks: Map<string, Verification>;
  /** Checkpoints PostgreSQL was asked for during the run (every CREATE or DROP DATABASE, anyone's). */
  checkpoints: number;
  loads: number[];
  settings: { seconds: number; readSeconds: number; repeats: number; concurrency: number };
  machine: ReturnType<typeof describeMachine>;
}): void {
  const { builds, scenarios, samples } = run;
  const first = builds.find((b) => b.baseline);
  const candidate = builds.find((b) => !b.baseline);
  const summaryOf = (scenario: string, build: Build | undefined) =>
    build ? summarize(samples.get(`${scenario}|${build.label}`) ?? []) : null;
  const cpu2 = (value: number) => value.toFixed(2);

  const headers = [
    'Scenario',
    'Build',
    'Per second (median, range)',
    'p99',
    'CPU per unit: server + PG + client',
    'server + PG',
    'Errors',
    ...builds.filter((b) => b.baseline).map((b) => `× ${b.label}`),
  ];
  const lines: string[][] = [];
  for (const scenario of scenarios) {
    for (const build of builds) {
      const s = summaryOf(scenario.name, build);
      if (!s) {
        lines.push([
          scenario.name,
          build.label,
          'not in this build',
          '',
          '',
          '',
          '',
          ...builds.filter((b) => b.baseline).map(() => ''),
        ]);
        continue;
      }
      const ratios = builds
        .filter((b) => b.baseline)
        .map((b) => {
          if (b === build) return '';
          const base = summaryOf(scenario.name, b);
          return base ? `${(s.perSecond / base.perSecond).toFixed(2)}×` : '—';
        });
      lines.push([
        scenario.name,
        build.label,
        `${int(s.perSecond)}/s (${int(s.min)}–${int(s.max)})`,
        ms(s.p99),
        `${cpu2(s.server)} + ${cpu2(s.postgres)} + ${cpu2(s.client)} ms`,
        `${cpu2(s.server + s.postgres)} ms`,
        `${s.errors}${s.mispriced ? `, ${s.mispriced} mispriced` : ''}`,
        ...ratios,
      ]);
    }
  }

  const sizes = builds.map((b) => `${b.label} ${int(menuSizes.get(b.label) ?? Number.NaN)} bytes`).join(', ');
  const wireHeaders = [
    'Probe',
    'Build',
    'Units',
    'Round trips per unit',
    'Transactions',
    'Statements',
    'Parses',
    'CPU per unit: server + PG',
  ];
  const wireLines: string[][] = [];
  const probes = [...new Set([...run.wire.values()].flatMap((list) => list.map((r) => r.probe)))];
  for (const probe of probes) {
    for (const build of builds) {
      const r = run.wire.get(build.label)?.find((x) => x.probe === probe);
      if (!r) {
        wireLines.push([probe, build.label, 'not in this build', '', '', '', '', '']);
        continue;
      }
      const per = (v: number) => (r.units > 0 ? (v / r.units).toFixed(2) : '—');
      wireLines.push([
        probe,
        build.label,
        int(r.units),
        per(r.counts.roundTrips),
        per(r.counts.transactionEnds),
        per(r.counts.statements),
        per(r.counts.parses),
        r.cpu && r.units > 0
          ? `${(r.cpu.server / r.units).toFixed(2)} + ${(r.cpu.postgres / r.units).toFixed(2)} ms`
          : '',
      ]);
    }
  }

  const targets: Array<[string, string, boolean | null]> = [];
  const mark = (met: boolean | null) => (met === null ? '—' : met ? '✓' : '✗');
  if (candidate) {
    for (const scenario of scenarios.filter((s) => s.unit === 'order')) {
      const s = summaryOf(scenario.name, candidate);
      if (!s) continue;
      const cost = s.server + s.postgres;
      targets.push([
        `CPU per order ≤ 1.5 ms (server + PostgreSQL): ${scenario.name}`,
        `${cost.toFixed(2)} ms`,
        cost <= 1.5,
      ]);
    }
    const many = summaryOf(scenarios[1]?.name ?? '', candidate);
    if (many) {
      targets.push([
        `≥ 1,000 orders/s with p99 < 50 ms: ${scenarios[1]?.name}`,
        `${int(many.perSecond)}/s, p99 ${ms(many.p99)}`,
        many.perSecond >= 1_000 && many.p99 < 50,
      ]);
    }
    const ratioTarget = (scenario: Scenario | undefined, goal: number) => {
      if (!scenario || !first) return;
      const after = summaryOf(scenario.name, candidate);
      const before = summaryOf(scenario.name, first);
      if (!after || !before) return;
      const ratio = after.perSecond / before.perSecond;
      targets.push([
        `≥ ${goal}× ${first.label}: ${scenario.name}`,
        `${ratio.toFixed(2)}× (${int(before.perSecond)} → ${int(after.perSecond)}/s)`,
        ratio >= goal,
      ]);
    };
    ratioTarget(scenarios[0], 1.7);
    ratioTarget(scenarios[4], 2);
    ratioTarget(scenarios[3], 1.3);
  }

  const waitKinds = ['running', 'row or table lock', 'WAL (commit flush)', 'idle in transaction'];
  const waitHeaders = ['Scenario', 'Build', ...waitKinds.map((k) => `PG backends: ${k}`), 'other'];
  const waitLines: string[][] = [];
  for (const scenario of scenarios.filter((s) => s.unit === 'order')) {
    for (const build of builds) {
      const list = (samples.get(`${scenario.name}|${build.label}`) ?? []).flatMap((s) => (s.waits ? [s.waits] : []));
      if (list.length === 0) continue;
      const of = (pick: (w: WaitShares) => number) => median(list.map(pick)).toFixed(2);
      waitLines.push([
        scenario.name,
        build.label,
        ...waitKinds.map((k) => of((w) => w[k] ?? 0)),
        of((w) => Object.entries(w).reduce((sum, [k, v]) => (waitKinds.includes(k) ? sum : sum + v), 0)),
      ]);
    }
  }
  const writeLines = builds.map((build) => {
    const c = run.checks.get(build.label);
    const orders = c?.inDatabase ?? 0;
    const tables = [...(run.writes.get(build.label) ?? new Map<string, number>())]
      .filter(([, n]) => orders > 0 && n / orders >= 0.005)
      .sort((a, b) => b[1] - a[1]);
    const total = tables.reduce((sum, [, n]) => sum + n, 0);
    const per = (n: number) => (orders > 0 ? (n / orders).toFixed(2) : '—');
    return [build.label, per(total), tables.map(([table, n]) => `${table} ${per(n)}`).join(', ')];
  });
  const writeHeaders = ['Build', 'Rows written per order', 'By table (inserted + updated + deleted, per order)'];
  const checkHeaders = [
    'Build',
    'Acknowledged',
    'In the database',
    'Lost',
    'Extra',
    'Unanswered',
    'Order numbers',
    'Event cursors',
  ];
  const checkLines = builds.map((build) => {
    const c = run.checks.get(build.label);
    if (!c) return [build.label, '—', '—', '—', '—', '—', '—', '—'];
    return [
      build.label,
      int(c.acked),
      int(c.inDatabase),
      String(c.lost),
      String(c.extra),
      String(c.unanswered),
      c.badNumbering === 0 ? 'gapless ✓' : `${c.badNumbering} stores with gaps ✗`,
      c.badEventLog === 0 ? 'gapless ✓' : `${c.badEventLog} stores with gaps ✗`,
    ];
  });
  const correct = [...run.checks.values()].every(
    (c) => c.lost === 0 && c.extra === 0 && c.badNumbering === 0 && c.badEventLog === 0,
  );

  const sortedLoads = [...run.loads].sort((a, b) => a - b);
  const loadLine = `1-minute load average during the run: ${sortedLoads[0]?.toFixed(2)}–${sortedLoads.at(-1)?.toFixed(2)}, median ${median(run.loads).toFixed(2)} (${run.loads.length} samples, every 5 s)`;
  const header = [
    `Machine: ${run.machine.cpu}, ${run.machine.cores} cores, ${run.machine.os}; Node ${run.machine.node}, ${run.machine.postgres}`,
    ...builds.map(
      (b) =>
        `${b.baseline ? 'Baseline' : 'Candidate'} ${b.label}: ${b.commit ? `${b.commit.slice(0, 10)} ` : ''}${b.subject.slice(0, 100)}`,
    ),
    `${run.settings.repeats} interleaved rounds; order windows ${run.settings.seconds} s, read windows ${run.settings.readSeconds} s; ${((performance.now() - began) / 60_000).toFixed(1)} min in all`,
    `${loadLine}; PostgreSQL was asked for ${run.checkpoints} checkpoints meanwhile`,
    `One store's menu answer (16 dishes): ${sizes}`,
  ];
  const targetLines = targets.map(([what, value, met]) => [what, value, mark(met)]);

  console.log('');
  for (const line of header) console.log(line);
  console.log('');
  console.log(formatTable(headers, lines));
  console.log('');
  console.log(formatTable(wireHeaders, wireLines));
  console.log('');
  console.log(formatTable(['Target', 'Measured', ''], targetLines));
  console.log('');
  console.log(formatTable(waitHeaders, waitLines));
  console.log('');
  console.log(formatTable(writeHeaders, writeLines));
  console.log('');
  console.log(formatTable(checkHeaders, checkLines));
  console.log(
    correct
      ? 'Every database holds exactly its acknowledged orders, numbered and logged without gaps.'
      : 'CORRECTNESS CHECK FAILED',
  );

  const markdown = [
    ...header.map((line) => `- ${line}`),
    '',
    formatMarkdownTable(headers, lines),
    '',
    formatMarkdownTable(wireHeaders, wireLines),
    '',
    formatMarkdownTable(['Target', 'Measured', ''], targetLines),
    '',
    formatMarkdownTable(waitHeaders, waitLines),
    '',
    formatMarkdownTable(writeHeaders, writeLines),
    '',
    formatMarkdownTable(checkHeaders, checkLines),
  ].join('\n');
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = run.machine.date.replaceAll(':', '-');
  writeFileSync(path.join(dir, `compare-${stamp}.md`), `${markdown}\n`);
  writeFileSync(
    path.join(dir, `compare-${stamp}.json`),
    JSON.stringify(
      {
        machine: run.machine,
        settings: run.settings,
        loads: run.loads,
        builds: builds.map((b) => ({ label: b.label, commit: b.commit, baseline: b.baseline })),
        samples: Object.fromEntries(run.samples),
        wire: Object.fromEntries(run.wire),
        writes: Object.fromEntries([...run.writes].map(([label, map]) => [label, Object.fromEntries(map)])),
        checks: Object.fromEntries(run.checks),
      },
      null,
      2,
    ),
  );
  console.log(`\nMarkdown and raw figures: bench/results/compare-${stamp}.{md,json}`);
  if (!correct) process.exitCode = 1;
}

process.once('SIGINT', () => {
  void cleanUpAll().finally(() => process.exit(130));
});

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
