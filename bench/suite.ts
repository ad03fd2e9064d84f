import path from 'node:path';
import { BCRYPT_COST } from '../server/lib/passwords.js';
import { CpuMeter, type CpuSplit } from './lib/cpu.js';
import { ROOT, type RunningProcess } from './lib/processes.js';
import { startApp } from './lib/servers.js';
import type { Settings } from './lib/settings.js';
import { type Verification, verifyOrders } from './lib/verify.js';
import { type Engine, seedWorld, type World } from './lib/world.js';
import { type FlowRun, openStreams, peakRss, runFlow } from './scenarios/fanout.js';
import { type ReadRun, runHello, runMenuReads } from './scenarios/http-reads.js';
import { bcryptPerSecond, type Pgbench } from './scenarios/limits.js';
import { type Ledger, newLedger, type OrderRun, runOrders } from './scenarios/orders.js';
import { runSales, type SalesRun, type SalesWorld, seedSalesYear } from './scenarios/sales.js';
import { runSignIns, type SignInRun } from './scenarios/sign-in.js';

export interface FanoutResult {
  replicas: number;
  streams: number;
  openSeconds: number;
  /** Largest replica's RSS before the streams, with them open and idle, and at its peak while orders flowed. */
  rssBeforeMb: number;
  rssIdleMb: number;
  rssPeakMb: number;
  flows: FlowRun[];
}

export interface EngineResult {
  engine: string;
  kind: Engine['kind'];
  ordersManyStores: OrderRun[];
  ordersOneStore: OrderRun[];
  menu: ReadRun[];
  menuEtag: ReadRun[];
  signIns: SignInRun[];
  /** The machine's limits, measured in every round beside the scenarios they are compared with. */
  limits: Limits;
  fanout: FanoutResult[];
  /** PostgreSQL only: a busy store's year of sales, reported on and exported. */
  sales: { world: SalesWorld; run: SalesRun } | null;
  verification: Verification;
}

const WARM_UP_MS = 2_000;

export interface Limits {
  hello: ReadRun[];
  bcryptPerSecond: number[];
  pgbench: { clients: number; insert: number[]; insertOne: number[]; hotRow: number[] } | null;
}

/** What measures the limits: the hello-world server, and pgbench when PostgreSQL is there. */
export interface LimitProbes {
  helloUrl: string;
  pgbench: (Pgbench & { clients: number }) | null;
}

/**
 * Everything measured on one engine: one seeded world, one server for orders, reads and the
 * single-replica fan-out, then (PostgreSQL with Redis) two fresh replicas for the cross-replica
 * fan-out, and finally the check of every acknowledged order against the database.
 */
export async function runEngine(
  engine: Engine,
  settings: Settings,
  probes: LimitProbes,
  log: (line: string) => void,
): Promise<EngineResult> {
  const ledger = newLedger();
  log(`${engine.label}: seeding ${settings.stores} stores × ${settings.tablesPerStore} tables`);
  const world = await seedWorld(engine, {
    stores: settings.stores,
    tablesPerStore: settings.tablesPerStore,
    categories: 4,
    dishesPerCategory: 4,
  });
  const postgres = engine.kind === 'postgres';
  // Seeded before any server holds the database (PGlite allows one process).
  let salesWorld: SalesWorld | null = null;
  if (postgres) {
    log(`${engine.label}: seeding a year of sales, ${settings.salesOrders.toLocaleString('en-US')} orders`);
    salesWorld = await seedSalesYear(engine, world.secret, settings.salesOrders);
  }
  const profileDir = settings.profile
    ? path.join(ROOT, 'bench', 'results', 'profiles', `${engine.kind}-${Date.now().toString(36)}`)
    : undefined;
  const started: RunningProcess[] = [];
  const start = async (label: string) => {
    const server = await startApp(engine, world, { label, profileDir });
    started.push(server);
    return server;
  };
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  };
  const result: Omit<EngineResult, 'verification'> = {
    engine: engine.label,
    kind: engine.kind,
    ordersManyStores: [],
    ordersOneStore: [],
    menu: [],
    menuEtag: [],
    signIns: [],
    limits: { hello: [], bcryptPerSecond: [], pgbench: null },
    fanout: [],
    sales: null,
  };
  try {
    const server = await start(`${engine.label} server`);
    const meter = new CpuMeter([server.pid], engine.postgres);
    const metered = async <T extends { cpu?: CpuSplit }>(work: () => Promise<T>): Promise<T> => {
      await meter.begin();
      const run = await work();
      run.cpu = await meter.end();
      return run;
    };
    const orders = (stores: World['stores'], durationMs: number) =>
      metered(() => runOrders({ url: server.url, stores, concurrency: settings.concurrency, durationMs, ledger }));
    const menu = (etag: boolean, seconds = settings.readSeconds) =>
      metered(() => runMenuReads({ url: server.url, stores: world.stores, seconds, etag }));

    log(`${engine.label}: warming up`);
    await orders(world.stores, WARM_UP_MS);
    await menu(false, 2);
    // Interleaved, limits included, so a noisy moment on the shared machine spreads over everything.
    const limits = result.limits;
    const pgbench = postgres ? probes.pgbench : null;
    if (pgbench) limits.pgbench = { clients: pgbench.clients, insert: [], insertOne: [], hotRow: [] };
    for (let r = 1; r <= settings.repeats; r++) {
      log(
        `${engine.label}: limits, orders, menu reads${postgres ? ', sign-ins' : ''} — round ${r}/${settings.repeats}`,
      );
      if (pgbench && limits.pgbench) {
        limits.pgbench.insert.push(await pgbench.tps('insert', pgbench.clients, settings.readSeconds));
        limits.pgbench.insertOne.push(await pgbench.tps('insert', 1, settings.readSeconds));
        limits.pgbench.hotRow.push(await pgbench.tps('hot-row', pgbench.clients, settings.readSeconds));
      }
      result.ordersManyStores.push(await orders(world.stores, settings.seconds * 1000));
      if (postgres) result.ordersOneStore.push(await orders(world.stores.slice(0, 1), settings.seconds * 1000));
      limits.hello.push(await runHello(probes.helloUrl, settings.readSeconds));
      result.menu.push(await menu(false));
      result.menuEtag.push(await menu(true));
      if (postgres) {
        limits.bcryptPerSecond.push(await bcryptPerSecond(BCRYPT_COST));
        result.signIns.push(
          await runSignIns({ url: server.url, stores: world.stores, count: settings.signIns, concurrency: 8 }),
        );
      }
    }
    if (salesWorld) {
      log(`${engine.label}: sales report, comparison and CSV over ${salesWorld.from}..${salesWorld.to}`);
      const run = await runSales({
        url: server.url,
        world: salesWorld,
        repeats: settings.repeats * 3,
        csvRepeats: settings.repeats,
      });
      result.sales = { world: salesWorld, run };
    }
    result.fanout.push(await fanout(world, [server], settings, ledger, log));
    await stopAll();

    if (postgres && engine.redisUrl) {
      const replicas = [await start(`${engine.label} replica A`), await start(`${engine.label} replica B`)];
      result.fanout.push(await fanout(world, replicas, settings, ledger, log));
      await stopAll();
    }

    log(`${engine.label}: checking every acknowledged order against the database`);
    const verification = await verifyOrders(
      engine,
      ledger,
      world.stores.map((store) => store.id),
    );
    return { ...result, verification };
  } finally {
    await stopAll();
  }
}

async function fanout(
  world: World,
  replicas: RunningProcess[],
  settings: Settings,
  ledger: Ledger,
  log: (line: string) => void,
): Promise<FanoutResult> {
  const largestRss = () => Math.max(...replicas.map((replica) => replica.rssMb() ?? Number.NaN));
  const rssBeforeMb = largestRss();
  const what = `${replicas.length} replica${replicas.length > 1 ? 's' : ''}`;
  log(`fan-out on ${what}: opening ${world.stores.length * (1 + settings.tablesPerStore)} streams`);
  const opening = performance.now();
  const streams = await openStreams(world, replicas);
  const openSeconds = (performance.now() - opening) / 1000;
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssIdleMb = largestRss();
    const flow = (durationMs: number) =>
      runFlow({ world, replicas, streams, perSecond: settings.flowRate, durationMs, ledger });
    await flow(WARM_UP_MS);
    const flows: FlowRun[] = [];
    let rssPeakMb = rssIdleMb;
    for (let r = 1; r <= settings.repeats; r++) {
      log(`fan-out on ${what}: ${settings.flowRate} orders/s — round ${r}/${settings.repeats}`);
      const { value, peakMb } = await peakRss(replicas, () => flow(settings.seconds * 1000));
      flows.push(value);
      rssPeakMb = Math.max(rssPeakMb, peakMb);
    }
    return { replicas: replicas.length, streams: streams.count, openSeconds, rssBeforeMb, rssIdleMb, rssPeakMb, flows };
  } finally {
    streams.close();
  }
}
