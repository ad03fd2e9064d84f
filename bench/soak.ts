/**
 * `npm run soak [-- --minutes N --stores S --tables T --rate R --short --no-docs]`: a Friday-night
 * dinner rush against two replicas of the built server behind the repository's nginx, on a fresh
 * PostgreSQL database and a private Redis. Every table holds its stream and every store a staff
 * dashboard; tables order, staff move orders along and end visits, streams drop and come back;
 * Redis is killed and restarted, then one replica is restarted, in the middle of the rush.
 *
 * At the end: every acknowledged order is in the database exactly once, every dashboard holds
 * what the database holds, no replica logged at error level; p99 latency and each replica's
 * memory in the first and last minute. Prints a table and writes it to docs/SOAK.md.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findBinary, PrivateRedis, RepoNginx } from './lib/cluster.js';
import { LoadClient } from './lib/http-load.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { freePort, ROOT, type RunningProcess } from './lib/processes.js';
import { formatMarkdownTable, formatTable } from './lib/report.js';
import { ensureServerBuilt, startApp } from './lib/servers.js';
import { probePostgres } from './lib/services.js';
import { type BenchStream, openSseStream, type StreamMessage } from './lib/sse-client.js';
import { percentile } from './lib/stats.js';
import { type BenchStore, type BenchTable, cleanUpAll, postgresEngine, seedWorld } from './lib/world.js';
import { orderRequest } from './scenarios/orders.js';

// ---------------------------------------------------------------------------------------------
// Settings

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  if (index < 0) return undefined;
  return args[index + 1]?.startsWith('--') === false ? args[index + 1] : '';
}
function numberFlag(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const short = flag('short') !== undefined;
const settings = {
  minutes: numberFlag('minutes', short ? 1 : 5),
  stores: Math.round(numberFlag('stores', short ? 10 : 100)),
  tables: Math.round(numberFlag('tables', 30)),
  /** Orders per second over the whole installation; by default each table orders every 4 minutes. */
  rate: 0,
  writeDocs: flag('no-docs') === undefined && !short,
  databaseUrl:
    process.env.SOAK_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
};
settings.rate = numberFlag('rate', (settings.stores * settings.tables) / 240);
const durationMs = settings.minutes * 60_000;

const began = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;

// ---------------------------------------------------------------------------------------------
// What the run keeps

interface Sample {
  /** Seconds since the rush began. */
  t: number;
  ms: number;
  kind: 'order' | 'status' | 'end-session';
  status: number;
}

interface ReplicaSlot {
  label: string;
  port: number;
  process: RunningProcess;
  errors: string[];
  warnings: number;
  restarts: number;
}

interface SoakTable extends BenchTable {
  stream: Resumable | null;
  visitOrders: number;
  lastOrderAt: number;
}

interface SoakStore extends BenchStore {
  address: string;
  client: LoadClient;
  dashboard: Resumable | null;
  /** The dashboard's view: every order it has heard of, with its latest status. */
  seen: Map<string, string>;
  soakTables: SoakTable[];
}

const samples: Sample[] = [];
const warningKinds = new Map<string, number>();
const acked = new Map<string, string>();
const answers: Record<string, number> = {};
const memory: Array<{ t: number; slot: string; mb: number }> = [];
let attempted = 0;
let unresolved = 0;
/** Acknowledged orders whose total is not what their dishes and options cost. */
let mispriced = 0;
let statusSteps = 0;
let sessionsEnded = 0;
let plannedReconnects = 0;
let droppedStreams = 0;
let tabletEvents = 0;
let rushStart = 0;
let running = true;
const inFlight = new Set<Promise<unknown>>();
const timers = new Set<NodeJS.Timeout>();

const since = () => (performance.now() - rushStart) / 1000;
function track<T>(promise: Promise<T>): Promise<T> {
  inFlight.add(promise);
  void promise.finally(() => inFlight.delete(promise));
  return promise;
}
function later(ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    if (running) fn();
  }, ms);
  timers.add(timer);
}

/** A stream that comes back by itself (after a drop, a restart) from its last cursor. */
class Resumable {
  private stream: BenchStream | null = null;
  lastId: string | null = null;
  opens = 0;
  get ended(): boolean {
    return this.stream?.ended ?? true;
  }
  private closing = false;
  constructor(
    private readonly url: string,
    private readonly path: string,
    private readonly token: string,
    private readonly address: string,
    private readonly onMessage: (message: StreamMessage) => void,
  ) {}
  open(): Promise<void> {
    this.closing = false;
    this.opens += 1;
    const stream = openSseStream(
      this.url,
      this.path,
      this.token,
      (message) => {
        if (message.id) this.lastId = message.id;
        this.onMessage(message);
      },
      {
        localAddress: this.address,
        lastEventId: this.lastId,
        onEnd: () => {
          if (this.closing || this.stream !== stream) return;
          droppedStreams += 1;
          setTimeout(() => void this.reopen(), between(500, 2_000));
        },
      },
    );
    this.stream = stream;
    return stream.opened;
  }
  private async reopen(): Promise<void> {
    if (this.closing) return;
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await this.open();
        return;
      } catch {
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }
  /** Drops the connection and comes back at once with Last-Event-ID, as a tablet after a blip. */
  async bounce(): Promise<void> {
    if (this.closing) return;
    const old = this.stream;
    // The old stream's end is ours, not a drop: it is no longer the current one.
    this.stream = null;
    old?.close();
    await this.reopen();
  }
  close(): void {
    this.closing = true;
    this.stream?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// What restaurants do

async function placeOrder(store: SoakStore, table: SoakTable): Promise<void> {
  attempted += 1;
  const key = randomUUID();
  const { body, total } = orderRequest(store);
  table.lastOrderAt = performance.now();
  for (let attempt = 1; attempt <= 8; attempt++) {
    const answer = await store.client.send({
      method: 'POST',
      path: '/api/v1/table/orders',
      headers: { authorization: `Bearer ${table.token}`, 'idempotency-key': key },
      body,
    });
    answers[answer.status] = (answers[answer.status] ?? 0) + 1;
    if (answer.status !== 0)
      samples.push({ t: since(), ms: answer.doneAt - answer.sentAt, kind: 'order', status: answer.status });
    if (answer.status === 201 || answer.status === 200) {
      const placed = JSON.parse(answer.body) as { id: string; totalAmount: number };
      acked.set(placed.id, key);
      if (placed.totalAmount !== total) mispriced += 1;
      table.visitOrders += 1;
      return;
    }
    // Retried with the same key: what a tablet's outbox does after no answer or a 5xx.
    if (answer.status === 0 || answer.status >= 500 || answer.status === 429) {
      await sleep(300 * attempt);
      continue;
    }
    return;
  }
  unresolved += 1;
}

async function stepOrder(store: SoakStore, orderId: string, status: 'preparing' | 'completed'): Promise<void> {
  const answer = await store.client.send({
    method: 'PATCH',
    path: `/api/v1/admin/orders/${orderId}`,
    headers: { authorization: `Bearer ${store.staffToken}` },
    body: JSON.stringify({ status }),
  });
  answers[answer.status] = (answers[answer.status] ?? 0) + 1;
  if (answer.status !== 0)
    samples.push({ t: since(), ms: answer.doneAt - answer.sentAt, kind: 'status', status: answer.status });
  if (answer.status === 200) statusSteps += 1;
  if (answer.status === 200 && status === 'preparing') {
    later(between(3_000, 10_000), () => void track(stepOrder(store, orderId, 'completed')));
  }
}

async function endSession(store: SoakStore, table: SoakTable): Promise<void> {
  table.visitOrders = 0;
  const answer = await store.client.send({
    method: 'POST',
    path: `/api/v1/admin/tables/${table.id}/end-session`,
    headers: { authorization: `Bearer ${store.staffToken}` },
  });
  answers[answer.status] = (answers[answer.status] ?? 0) + 1;
  if (answer.status !== 0)
    samples.push({ t: since(), ms: answer.doneAt - answer.sentAt, kind: 'end-session', status: answer.status });
  if (answer.status === 200) sessionsEnded += 1;
}

/** The dashboard: keeps every order it hears of, and staff start cooking what comes in. */
function onDashboard(store: SoakStore, message: StreamMessage): void {
  if (message.type !== 'order.created' && message.type !== 'order.updated') return;
  const order = (JSON.parse(message.data) as { order: { id: string; status: string } }).order;
  const known = store.seen.has(order.id);
  store.seen.set(order.id, order.status);
  if (message.type === 'order.created' && !known) {
    later(between(2_000, 8_000), () => void track(stepOrder(store, order.id, 'preparing')));
  }
}

/** How to read the table (docs/SOAK.md), from the runs so far. */
const READING = `
Reading it: streams do not move back after a replica restart — the restarted replica's streams
reconnect to the one still up and stay there (open streams at the end), which is most of that
replica's memory growth; the other replica comes back small. “Slow API” warnings and the p99 follow
the machine's load (shared, 2 cores) more than the run's length. nginx's errors are its refused
connections to the replica while it restarts; the requests they cut (502s) are retried with their
key and land once.
`;

// ---------------------------------------------------------------------------------------------
// Measuring

function p99Of(kinds: Sample['kind'][], from: number, to: number): { p50: number; p99: number; count: number } {
  const values = samples
    .filter((s) => kinds.includes(s.kind) && s.t >= from && s.t < to)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return { p50: percentile(values, 50), p99: percentile(values, 99), count: values.length };
}

function memoryOf(slot: string, from: number, to: number): { mean: number; max: number } {
  const values = memory.filter((m) => m.slot === slot && m.t >= from && m.t < to).map((m) => m.mb);
  if (values.length === 0) return { mean: Number.NaN, max: Number.NaN };
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) };
}

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const nginxBinary = findBinary('nginx');
  const redisBinary = findBinary('redis-server');
  if (!nginxBinary || !redisBinary)
    throw new Error('the soak needs nginx and redis-server (apt-get install nginx redis-server)');
  const postgresVersion = await probePostgres(settings.databaseUrl);
  if (!postgresVersion) throw new Error(`PostgreSQL does not answer at ${settings.databaseUrl} (SOAK_DATABASE_URL)`);
  const loadAtStart = loadAverage();
  log(
    `soak: ${settings.stores} stores × ${settings.tables} tables, ${fmt(settings.rate, 1)} orders/s for ${settings.minutes} min`,
  );

  ensureServerBuilt();
  const redis = new PrivateRedis(redisBinary, await freePort());
  await redis.start();
  const engine = await postgresEngine(settings.databaseUrl, redis.url);
  const nginx = new RepoNginx(nginxBinary, await freePort());
  const pool = new pg.Pool({ connectionString: engine.databaseUrl, max: 2 });
  // An idle connection cut when the database is dropped at the end is no failure of the run.
  pool.on('error', () => {});
  const slots: ReplicaSlot[] = [];
  let stores: SoakStore[] = [];
  try {
    log('seeding');
    const world = await seedWorld(engine, {
      stores: settings.stores,
      tablesPerStore: settings.tables,
      categories: 3,
      dishesPerCategory: 5,
      withOptions: true,
    });

    const startReplica = async (slot: { label: string; port: number; errors: string[] } & Partial<ReplicaSlot>) =>
      startApp(engine, world, {
        label: slot.label,
        port: slot.port,
        // nginx is the trusted proxy; each restaurant comes from its own address.
        // The per-table order limit as production has it (the benchmarks lift it).
        env: { TRUSTED_PROXIES: '127.0.0.1', SSE_MAX_CONNECTIONS_PER_STORE: '300', TABLE_ORDER_RATE: '30' },
        onLine: (line) => {
          const level = /"level":(\d+)/.exec(line)?.[1];
          const found = slots.find((s) => s.label === slot.label);
          if (level && Number(level) >= 50) (found ?? slot).errors.push(line.slice(0, 400));
          else if (level && Number(level) >= 40) {
            if (found) found.warnings += 1;
            const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 120);
            warningKinds.set(msg, (warningKinds.get(msg) ?? 0) + 1);
          }
        },
      });
    for (const label of ['replica-1', 'replica-2']) {
      const slot = { label, port: await freePort(), errors: [] as string[] };
      const process = await startReplica(slot);
      slots.push({ ...slot, process, warnings: 0, restarts: 0 });
    }
    await nginx.start(slots.map((slot) => `127.0.0.1:${slot.port}`));
    log(`two replicas behind nginx at ${nginx.url}, Redis on ${redis.port}, database ${engine.postgres?.database}`);

    stores = world.stores.map((store, i) => {
      const address = `127.10.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      return {
        ...store,
        address,
        client: new LoadClient(nginx.url, 16, address),
        dashboard: null,
        seen: new Map(),
        soakTables: store.tables.map((table) => ({ ...table, stream: null, visitOrders: 0, lastOrderAt: 0 })),
      };
    });

    log(`opening ${stores.length} dashboards and ${stores.length * settings.tables} table streams through nginx`);
    for (const store of stores) {
      store.dashboard = new Resumable(nginx.url, '/api/v1/admin/stream', store.staffToken, store.address, (m) =>
        onDashboard(store, m),
      );
      await store.dashboard.open();
    }
    const tables = stores.flatMap((store) => store.soakTables.map((table) => ({ store, table })));
    for (let i = 0; i < tables.length; i += 100) {
      await Promise.all(
        tables.slice(i, i + 100).map(({ store, table }) => {
          table.stream = new Resumable(nginx.url, '/api/v1/table/stream', table.token, store.address, (m) => {
            if (m.type !== 'message') tabletEvents += 1;
          });
          return table.stream.open();
        }),
      );
    }

    // -------------------------------------------------------------------------------------------
    // The rush
    rushStart = performance.now();
    const sampler = setInterval(() => {
      for (const slot of slots) {
        const mb = slot.process.rssMb();
        if (mb !== null) memory.push({ t: since(), slot: slot.label, mb });
      }
    }, 2_000);
    const chaos: string[] = [];
    const redisAt = durationMs * 0.4;
    const replicaAt = durationMs * 0.65;
    let redisDone = false;
    let replicaDone = false;
    log('rush begins');
    let nextReport = 30;
    while (performance.now() - rushStart < durationMs) {
      const tick = performance.now();
      // Orders arrive at random, at the rate asked for.
      let due = settings.rate * 0.1;
      while (due > 0) {
        if (Math.random() < due) {
          const { store, table } = pick(tables);
          void track(placeOrder(store, table));
        }
        due -= 1;
      }
      // Visits end: about one for every three orders, at tables whose last order is a while ago.
      if (Math.random() < (settings.rate / 3) * 0.1) {
        const now = performance.now();
        const done = tables.filter(({ table }) => table.visitOrders > 0 && now - table.lastOrderAt > 15_000);
        if (done.length > 0) {
          const { store, table } = pick(done);
          void track(endSession(store, table));
        }
      }
      // A few tablets' connections blip each second; now and then a dashboard's.
      if (Math.random() < tables.length * 0.003 * 0.1) {
        plannedReconnects += 1;
        void pick(tables).table.stream?.bounce();
      }
      if (Math.random() < 0.02) {
        plannedReconnects += 1;
        void pick(stores).dashboard?.bounce();
      }
      const elapsed = performance.now() - rushStart;
      if (!redisDone && elapsed >= redisAt) {
        redisDone = true;
        chaos.push(`Redis killed (SIGKILL) at ${fmt(elapsed / 1000)} s, back 5 s later`);
        log('killing Redis');
        void (async () => {
          await redis.kill();
          await sleep(5_000);
          await redis.start();
          log('Redis is back');
        })();
      }
      if (!replicaDone && elapsed >= replicaAt) {
        replicaDone = true;
        const slot = slots[1] as ReplicaSlot;
        log(`restarting ${slot.label}`);
        void (async () => {
          const stopping = performance.now();
          await slot.process.stop();
          const stoppedIn = (performance.now() - stopping) / 1000;
          chaos.push(
            `${slot.label} restarted at ${fmt(elapsed / 1000)} s (SIGTERM: stopped in ${fmt(stoppedIn, 1)} s; started again on its port)`,
          );
          slot.process = await startReplica(slot);
          slot.restarts += 1;
          log(`${slot.label} is back`);
        })();
      }
      if (since() >= nextReport) {
        log(
          `${fmt(since())} s: ${acked.size} orders acknowledged, ${statusSteps} status steps, ${sessionsEnded} visits ended`,
        );
        nextReport += 30;
      }
      await sleep(Math.max(0, 100 - (performance.now() - tick)));
    }
    const rushSeconds = since();
    running = false;
    for (const timer of timers) clearTimeout(timer);
    log(`rush over: waiting for ${inFlight.size} requests in flight`);
    await Promise.all([...inFlight]);
    clearInterval(sampler);

    // -------------------------------------------------------------------------------------------
    // Checks
    const ids = [...acked.keys()];
    const found = await pool.query<{ n: string }>('select count(*) as n from orders where id = any($1::uuid[])', [ids]);
    const total = await pool.query<{ n: string }>('select count(*) as n from orders');
    const lost = ids.length - Number(found.rows[0]?.n ?? 0);
    const extra = Number(total.rows[0]?.n ?? 0) - Number(found.rows[0]?.n ?? 0);

    log('waiting for every dashboard to hold what the database holds');
    const converge = async () => {
      const rows = await pool.query<{ store_id: string; id: string; status: string }>(
        'select store_id, id, status from orders',
      );
      const byStore = new Map<string, Map<string, string>>();
      for (const row of rows.rows) {
        const map = byStore.get(row.store_id) ?? new Map<string, string>();
        map.set(row.id, row.status);
        byStore.set(row.store_id, map);
      }
      let mismatched = 0;
      differences.length = 0;
      for (const store of stores) {
        const db = byStore.get(store.id) ?? new Map<string, string>();
        const same = db.size === store.seen.size && [...db].every(([id, status]) => store.seen.get(id) === status);
        if (same) continue;
        mismatched += 1;
        for (const [id, status] of db) {
          if (store.seen.get(id) !== status)
            differences.push(`${id}: database ${status}, dashboard ${store.seen.get(id) ?? 'never heard of it'}`);
        }
        for (const id of store.seen.keys()) if (!db.has(id)) differences.push(`${id}: on the dashboard only`);
        const seq = await pool.query<{ seq: string }>('select last_event_seq as seq from stores where id = $1', [
          store.id,
        ]);
        differences.push(
          `store ${store.code}: dashboard at cursor ${store.dashboard?.lastId}, store at ${seq.rows[0]?.seq}, stream ${store.dashboard?.ended ? 'ended' : 'open'}, opened ${store.dashboard?.opens} times`,
        );
      }
      return mismatched;
    };
    const differences: string[] = [];
    let mismatched = await converge();
    const convergeStarted = performance.now();
    while (mismatched > 0 && performance.now() - convergeStarted < 30_000) {
      await sleep(1_000);
      mismatched = await converge();
    }
    const convergedIn = (performance.now() - convergeStarted) / 1000;

    // Where the streams ended up (a restarted replica's streams come back wherever nginx sends them).
    const streamsOn = await Promise.all(
      slots.map(async (slot) => {
        const text = await fetch(`${slot.process.url}/metrics`).then(
          (res) => res.text(),
          () => '',
        );
        return [...text.matchAll(/^sse_open_streams\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      }),
    );

    // -------------------------------------------------------------------------------------------
    // Report
    const first: [number, number] = [0, 60];
    const last: [number, number] = [Math.max(0, rushSeconds - 60), rushSeconds + 1];
    const orderP99 = [p99Of(['order'], ...first), p99Of(['order'], ...last)];
    const allP99 = [
      p99Of(['order', 'status', 'end-session'], ...first),
      p99Of(['order', 'status', 'end-session'], ...last),
    ];
    const errorLines = slots.flatMap((slot) => slot.errors);
    const nginxErrors = nginx
      .errorLog()
      .split('\n')
      .filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
    const failures = Object.entries(answers)
      .filter(([status]) => !['200', '201'].includes(status))
      .map(([status, n]) => `${status === '0' ? 'no answer' : status}: ${n}`);
    const rows: string[][] = [
      [
        'load',
        `${settings.stores} stores × ${settings.tables} tables, ${fmt(rushSeconds / 60, 1)} min, ${fmt(settings.rate, 1)} orders/s asked`,
      ],
      [
        'streams',
        `${stores.length} dashboards + ${tables.length} table streams through nginx; ${plannedReconnects} planned reconnects, ${droppedStreams} drops resumed`,
      ],
      [
        'orders',
        `${fmt(attempted)} placed, ${fmt(acked.size)} acknowledged, ${fmt(unresolved)} unresolved after retries, ${mispriced} charged wrongly`,
      ],
      [
        'lost / duplicated',
        `${lost} lost (acknowledged, not in the database) / ${extra} in the database never acknowledged`,
      ],
      ['staff', `${fmt(statusSteps)} status steps, ${fmt(sessionsEnded)} visits ended`],
      ['other answers', failures.length > 0 ? failures.join(', ') : 'none'],
      [
        'dashboards = database',
        `${stores.length - mismatched} of ${stores.length}${mismatched === 0 ? ` (within ${fmt(convergedIn, 1)} s of the end)` : ''}`,
      ],
      ['tablet events delivered', fmt(tabletEvents)],
      [
        'open streams at the end',
        slots.map((slot, i) => `${slot.label}: ${fmt(streamsOn[i] ?? Number.NaN)}`).join(', '),
      ],
      ['error-level log lines', slots.map((slot) => `${slot.label}: ${slot.errors.length}`).join(', ')],
      [
        'warnings logged',
        `${slots.map((slot) => `${slot.label}: ${slot.warnings}`).join(', ')}${warningKinds.size > 0 ? ` (${[...warningKinds].map(([msg, n]) => `${n}× “${msg}”`).join('; ')})` : ''}`,
      ],
      ['nginx errors', `${nginxErrors.length} (upstream connections refused while a replica restarted count here)`],
      [
        'orders p50 / p99, first → last minute',
        `${fmt(orderP99[0]!.p50, 1)} / ${fmt(orderP99[0]!.p99, 1)} ms (${orderP99[0]!.count}) → ${fmt(orderP99[1]!.p50, 1)} / ${fmt(orderP99[1]!.p99, 1)} ms (${orderP99[1]!.count})`,
      ],
      ['p99 all writes, first → last minute', `${fmt(allP99[0]!.p99, 1)} ms → ${fmt(allP99[1]!.p99, 1)} ms`],
      ...slots.map((slot) => {
        const a = memoryOf(slot.label, ...first);
        const b = memoryOf(slot.label, ...last);
        return [
          `RSS ${slot.label}, first → last minute`,
          `mean ${fmt(a.mean)} MB (max ${fmt(a.max)}) → mean ${fmt(b.mean)} MB (max ${fmt(b.max)})${slot.restarts ? ', restarted in between' : ''}`,
        ];
      }),
      ['disturbances', chaos.join('; ')],
    ];
    const ok = lost === 0 && extra <= unresolved && mismatched === 0 && errorLines.length === 0 && mispriced === 0;
    console.log('');
    console.log(formatTable(['figure', 'value'], rows));
    console.log('');
    for (const line of errorLines.slice(0, 10)) console.log(`error log: ${line}`);
    for (const line of differences.slice(-12)) console.log(`dashboard differs: ${line}`);
    console.log(ok ? 'SOAK PASSED' : 'SOAK FAILED');

    if (settings.writeDocs) {
      const machine = describeMachine(postgresVersion);
      const text = [
        '# Soak',
        '',
        'A Friday-night dinner rush, run with `npm run soak` (bench/soak.ts; `--minutes N`, `--stores S`,',
        '`--tables T`, `--rate R`, `--short`). Two replicas of the built server behind the repository’s nginx',
        '(deploy/nginx, limits and all), a fresh PostgreSQL database and a Redis of the run’s own. Every table',
        'holds its stream and every store a staff dashboard (each restaurant from its own address); tables',
        'order (an Idempotency-Key each, retried on no answer or 5xx as the outbox does), staff move every order',
        'to preparing and completed and end visits, streams drop and resume with Last-Event-ID; Redis is killed',
        'and restarted at 40 % of the run, one replica restarted at 65 %.',
        '',
        'Checked at the end: every acknowledged order is in the database once, each dashboard’s orders and',
        'statuses equal the database’s, no replica wrote an error-level log line.',
        '',
        '## Last run',
        '',
        `- Machine: ${machine.cpu}, ${machine.cores} cores (shared; load average ${loadAtStart} at the start), ${machine.memoryGb} GB RAM`,
        `- Node ${machine.node}, ${postgresVersion}; commit \`${machine.commit}\`, ${machine.date}`,
        `- Result: **${ok ? 'passed' : 'failed'}**`,
        '',
        formatMarkdownTable(['figure', 'value'], rows),
        '',
        ...READING.trim().split('\n'),
        '',
      ].join('\n');
      writeFileSync(path.join(ROOT, 'docs', 'SOAK.md'), text);
      log('written to docs/SOAK.md');
    }
    if (!ok) process.exitCode = 1;
  } finally {
    running = false;
    for (const store of stores) {
      store.dashboard?.close();
      for (const table of store.soakTables) table.stream?.close();
      store.client.close();
    }
    await nginx.stop();
    await Promise.all(slots.map((slot) => slot.process.stop()));
    await pool.end();
    await engine.dispose();
    await redis.kill();
  }
}

main().catch(async (err) => {
  console.error(err);
  await cleanUpAll();
  process.exit(1);
});
