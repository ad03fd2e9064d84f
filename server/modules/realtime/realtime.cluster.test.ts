/**
 * Two app replicas on one PostgreSQL database, fanned out by Redis, behind a real nginx running
 * the repository's configuration. Runs when TEST_DATABASE_URL and TEST_REDIS_URL are set (CI);
 * needs the nginx and redis-server binaries (Debian packages). The Redis it kills is its own.
 *
 * The first case also runs against an installation that is already running (the containers of
 * `npm run test:container`): CLUSTER_NGINX_URL (the public address), CLUSTER_REPLICA_URLS (each
 * replica directly, comma-separated) and CLUSTER_SUPERADMIN (username:password).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, type TestDatabase } from '../../../test/db.js';
import { factories } from '../../../test/factories.js';
import { type Client, createClient } from '../../../test/http.js';
import { freePort } from '../../../test/net.js';
import { connectSse, ids, type SseClient } from '../../../test/sse.js';

const REPO_NGINX_DIR = path.resolve(import.meta.dirname, '../../../deploy/nginx');
const SPEC_DELIVERY_MS = 2_000;

function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  return dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

const NGINX = findBinary('nginx');
const REDIS_SERVER = findBinary('redis-server');
const enabled = Boolean(TEST_DATABASE_URL && TEST_REDIS_URL);
const missing = [NGINX ? null : 'nginx', REDIS_SERVER ? null : 'redis-server'].filter(Boolean).join(' and ');
const required = process.env.TEST_REQUIRE_NGINX === '1';

/** Why the suite does not run here, if it does not; a missing binary fails it when CI requires nginx. */
const skipReason = !enabled
  ? 'set TEST_DATABASE_URL and TEST_REDIS_URL to run two replicas behind nginx'
  : missing !== '' && !required
    ? `${missing} not installed (apt-get install -y nginx redis-server)`
    : undefined;

if (skipReason) console.info(`realtime cluster test skipped: ${skipReason}`);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A Redis of this test's own, so killing it disturbs nobody else. */
class OwnRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      REDIS_SERVER!,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    await until('redis-server to answer', async () => {
      if (probe.status !== 'ready') await probe.connect().catch(() => probe.disconnect());
      return (await probe.ping()) === 'PONG' ? true : undefined;
    });
    probe.disconnect();
  }
  kill(): Promise<void> {
    return stopProcess(this.child, 'SIGKILL');
  }
}

/** nginx with the repository's configuration; only the upstream list and the listening server are the test's. */
class TestNginx {
  private child: ChildProcess | undefined;
  readonly prefix = mkdtempSync(path.join(tmpdir(), 'tableorder-nginx-'));
  constructor(readonly port: number) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(upstreams: string[]): Promise<void> {
    const dir = this.prefix;
    // Everything of the repository's configuration except the parts naming hosts and ports.
    cpSync(REPO_NGINX_DIR, dir, {
      recursive: true,
      filter: (src) => !/^(conf\.d|upstream\.d)(\/|$)/.test(path.relative(REPO_NGINX_DIR, src)),
    });
    mkdirSync(path.join(dir, 'conf.d'));
    mkdirSync(path.join(dir, 'upstream.d'));
    if (readFileSync(path.join(dir, 'nginx.conf'), 'utf8').includes('mime.types') && !existsSync(`${dir}/mime.types`)) {
      cpSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'));
    }
    // The repository's upstream block (keep-alive settings and all), with the replicas' addresses.
    const servers = upstreams.map((address) => `    server ${address} max_fails=3 fail_timeout=10s;`).join('\n');
    const upstream = readFileSync(path.join(REPO_NGINX_DIR, 'upstream.d/tableorder.conf'), 'utf8')
      .replace(/^\s*server\s+[^;]*;\n/gm, '')
      .replace(/upstream tableorder \{\n/, (open) => `${open}${servers}\n`);
    writeFileSync(path.join(dir, 'upstream.d/tableorder.conf'), upstream);
    writeFileSync(
      path.join(dir, 'conf.d/test.conf'),
      `server {
    listen 127.0.0.1:${this.port};
    access_log ${dir}/access.log tableorder;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    include snippets/tableorder-app.conf;
}
`,
    );
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
    const globals = `daemon off; master_process on; pid ${dir}/nginx.pid;`;
    this.child = spawn(NGINX!, [...args, '-g', globals], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    await until(`nginx to answer (${stderr.trim() || 'no output'})`, async () => {
      if (this.child?.exitCode !== null) throw new Error(`nginx exited: ${stderr}${this.errorLog()}`);
      const res = await fetch(`${this.url}/health`);
      return res.status === 200 ? true : undefined;
    });
  }
  errorLog(): string {
    const file = path.join(this.prefix, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }
  async stop(): Promise<void> {
    // Fast shutdown: a graceful one would wait for clients' idle keep-alive connections.
    await stopProcess(this.child, 'SIGTERM');
    rmSync(this.prefix, { recursive: true, force: true });
  }
}

const metricValue = (text: string, line: RegExp) => Number(line.exec(text)?.[1] ?? 0);
const openAdminStreams = async (t: TestApp) =>
  metricValue((await t.api.get('/metrics')).body as string, /^sse_open_streams\{kind="admin"\} (\d+)/m);

describe.skipIf(skipReason !== undefined)(
  `realtime cluster: two replicas, Redis and nginx${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: OwnRedis;
    let nginx: TestNginx;
    let database: TestDatabase;
    let replicaA: TestApp;
    let replicaB: TestApp;
    let w: Awaited<ReturnType<ReturnType<typeof factories>['world']>>;
    const streams: SseClient[] = [];
    const closedReplicas = new Set<TestApp>();
    /** The replica holding the dashboard stream, and the other one. */
    let holder: TestApp;
    let other: TestApp;

    const orderThrough = (replica: TestApp) =>
      replica.api.post(
        '/api/v1/table/orders',
        { items: [{ menuId: w.kimchi.id, quantity: 1 }] },
        { token: w.table1.token, headers: { 'idempotency-key': randomUUID() } },
      );
    const dashboard = async (lastEventId?: string) => {
      const client = await connectSse(`${nginx.url}/api/v1/admin/stream`, {
        token: w.owner.token,
        ...(lastEventId ? { lastEventId } : {}),
      });
      streams.push(client);
      return client;
    };

    beforeAll(async () => {
      if (missing !== '')
        throw new Error(`${missing} not installed (TEST_REQUIRE_NGINX=1): apt-get install -y nginx redis-server`);
      redis = new OwnRedis(await freePort());
      await redis.start();
      database = await createTestDatabase();
      const env = { REDIS_URL: redis.url };
      replicaA = await startTestApp({ database, env });
      replicaB = await startTestApp({ database, env });
      nginx = new TestNginx(await freePort());
      await nginx.start([replicaA.url, replicaB.url].map((url) => new URL(url).host));
      w = await factories(replicaA.app).world({ tables: 2 });
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await nginx?.stop();
      for (const replica of [replicaA, replicaB]) if (replica && !closedReplicas.has(replica)) await replica.close();
      await database?.close();
      await redis?.kill();
    });

    it('delivers an order placed through one replica to a dashboard on the other, through nginx, within 2 s', async () => {
      const admin = await dashboard();
      expect(admin.status).toBe(200);
      expect(admin.headers.get('content-type')).toContain('text/event-stream');
      // nginx balances streams freely; find where this one landed and order through the other.
      const [onA, onB] = await Promise.all([openAdminStreams(replicaA), openAdminStreams(replicaB)]);
      expect(onA + onB).toBe(1);
      [holder, other] = onA === 1 ? [replicaA, replicaB] : [replicaB, replicaA];

      // Watch the channel too, so the test shows the event crossed replicas over Redis.
      const watcher = new Redis(redis.url);
      const onChannel: string[] = [];
      await watcher.subscribe('tableorder:events');
      watcher.on('message', (_channel: string, message: string) => onChannel.push(message));

      const latencies: number[] = [];
      for (let i = 1; i <= 5; i++) {
        const started = performance.now();
        const placed = await orderThrough(other);
        expect(placed.status).toBe(201);
        const [created] = (await admin.waitFor(i, { type: 'order.created', timeoutMs: SPEC_DELIVERY_MS })).slice(-1);
        expect(created!.data.order.id).toBe(placed.body.id);
        latencies.push(created!.at - started);
      }
      console.log(
        `order sent to one replica → on the dashboard of the other (via Redis and nginx): ${latencies.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`,
      );
      await until('the events on the Redis channel', async () => (onChannel.length >= 5 ? true : undefined), 2_000);
      expect(onChannel.some((m) => m.includes(w.store.id))).toBe(true);
      watcher.disconnect();
    });

    it('rings a guest’s staff call on the dashboard within 2 s, through nginx and across replicas', async () => {
      const admin = await dashboard();
      expect(admin.status).toBe(200);
      const [onA] = await Promise.all([openAdminStreams(replicaA), openAdminStreams(replicaB)]);
      const away = onA > 0 ? replicaB : replicaA;
      const reasons = (await away.api.get('/api/v1/admin/call-reasons', { token: w.owner.token })).body.reasons;
      const wanted = reasons.filter((r: { label: string }) => ['물', '앞접시'].includes(r.label));
      expect(wanted).toHaveLength(2);
      // Taps go through nginx like a tablet's (landing on either replica) and, alternately, straight
      // to the replica without the dashboard's stream (the event then has to cross over Redis).
      const measured: Array<{ via: string; ms: number }> = [];
      for (let i = 1; i <= 6; i++) {
        const via = i % 2 === 1 ? 'nginx' : 'other replica';
        const base = via === 'nginx' ? nginx.url : away.url;
        const started = performance.now();
        const made = await away.api.post(
          `${base}/api/v1/table/calls`,
          { reasonIds: wanted.map((r: { id: string }) => r.id) },
          { token: w.table2.token, headers: { 'idempotency-key': randomUUID() } },
        );
        expect(made.status).toBe(201);
        const [created] = (await admin.waitFor(i, { type: 'call.created', timeoutMs: SPEC_DELIVERY_MS })).slice(-1);
        expect(created!.data.call).toMatchObject({ id: made.body.id, reasons: ['물', '앞접시'] });
        measured.push({ via, ms: created!.at - started });
        // Staff mark it done, so the next tap makes a new call.
        const done = await away.api.post(`${nginx.url}/api/v1/admin/calls/${made.body.id}/done`, undefined, {
          token: w.owner.token,
        });
        expect(done.status).toBe(200);
      }
      const sorted = measured.map((m) => m.ms).sort((a, b) => a - b);
      console.log(
        `guest's call → call.created on the dashboard stream (nginx, two replicas, Redis): ${measured
          .map((m) => `${m.ms.toFixed(1)} ms (${m.via})`)
          .join(', ')}; median ${((sorted[2]! + sorted[3]!) / 2).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
      );
      expect(sorted.at(-1)!).toBeLessThan(SPEC_DELIVERY_MS);
      admin.close();
    });

    it('keeps taking orders while Redis is down, keeps streams going from the log, and loses nothing', async () => {
      const first = await dashboard();
      expect(first.status).toBe(200);
      const since = await replicaA.app.events.latestSeq(w.store.id);

      await redis.kill();
      const health = await until('the bus to be reported down', async () => {
        const res = await other.api.get('/health');
        return res.status === 503 ? res.body : undefined;
      });
      expect(health).toMatchObject({ status: 'degraded', db: 'ok' });
      expect(health.bus).toMatch(/^error: /);

      // Orders are accepted on both replicas while the bus is down…
      for (const replica of [other, holder, other]) expect((await orderThrough(replica)).status).toBe(201);
      // …and the open dashboard still gets them, from the periodic look at the log.
      await first.waitFor(3, { type: 'order.created', timeoutMs: 5_000 });
      const cursor = first.lastEventId!;
      first.close();

      // Missed while disconnected, still without Redis.
      for (const replica of [other, other]) expect((await orderThrough(replica)).status).toBe(201);
      await redis.start();
      for (const replica of [replicaA, replicaB]) {
        await until('the bus to be back', async () =>
          (await replica.api.get('/health')).status === 200 ? true : undefined,
        );
      }
      expect((await orderThrough(other)).status).toBe(201);

      const again = await dashboard(cursor);
      expect(again.status).toBe(200);
      const log = await replicaA.app.events.readAfter(w.store.id, since);
      const expected = log.map((e) => e.seq);
      await again.waitUntil(() => again.lastEventId === String(expected.at(-1)), 5_000, 'every missed event');
      expect([...ids(first.messages), ...ids(again.messages)]).toEqual(expected);
      expect(again.messages.map((m) => m.type)).toEqual(log.filter((e) => e.seq > Number(cursor)).map((e) => e.type));

      // And live again, across replicas, over Redis.
      const before = again.of('order.created').length;
      const started = performance.now();
      const placed = await orderThrough(other);
      const [live] = (await again.waitFor(before + 1, { type: 'order.created', timeoutMs: SPEC_DELIVERY_MS })).slice(
        -1,
      );
      expect(live!.data.order.id).toBe(placed.body.id);
      console.log(`after the Redis restart: ${(live!.at - started).toFixed(1)} ms`);
    });

    // Last: it shuts one replica down.
    it('on shutdown tells the dashboard to reconnect, which resumes on the other replica without a gap', async () => {
      for (const s of streams) s.close();
      await until('the earlier streams to be gone', async () => {
        const open = (await openAdminStreams(replicaA)) + (await openAdminStreams(replicaB));
        return open === 0 ? true : undefined;
      });
      const admin = await dashboard();
      const [onA] = await Promise.all([openAdminStreams(replicaA), openAdminStreams(replicaB)]);
      const [leaving, staying] = onA > 0 ? [replicaA, replicaB] : [replicaB, replicaA];
      expect((await orderThrough(staying)).status).toBe(201);
      await admin.waitFor(1, { type: 'order.created', timeoutMs: SPEC_DELIVERY_MS });

      closedReplicas.add(leaving);
      await leaving.close();
      await admin.done;
      expect(admin.retries).toEqual([1000]);

      expect((await orderThrough(staying)).status).toBe(201);
      const resumed = await dashboard(admin.lastEventId!);
      expect(resumed.status).toBe(200);
      const [missed] = await resumed.waitFor(1, { timeoutMs: SPEC_DELIVERY_MS });
      expect(Number(missed!.id)).toBe(Number(admin.lastEventId) + 1);
      expect(await openAdminStreams(staying)).toBeGreaterThanOrEqual(1);
    });
  },
);

const REMOTE = process.env.CLUSTER_NGINX_URL
  ? {
      nginx: process.env.CLUSTER_NGINX_URL,
      replicas: (process.env.CLUSTER_REPLICA_URLS ?? '').split(',').filter(Boolean),
      superadmin: (process.env.CLUSTER_SUPERADMIN ?? '').split(':'),
    }
  : undefined;

describe.skipIf(!REMOTE)('realtime cluster: an installation already running (CLUSTER_NGINX_URL)', () => {
  const remote = REMOTE as NonNullable<typeof REMOTE>;
  const streams: SseClient[] = [];
  let replicas: Client[];
  let owner: string;
  let table: string;
  let menuId: string;

  beforeAll(async () => {
    expect(remote.replicas.length).toBe(2);
    replicas = remote.replicas.map((url) => createClient(url));
    const api = createClient(remote.nginx);
    const [username, password] = remote.superadmin;
    const root = (await api.post('/api/v1/auth/superadmin/login', { username, password })).body.token as string;
    const code = `cluster-${randomUUID().slice(0, 8)}`;
    const store = await api.post('/api/v1/superadmin/stores', { code, name: 'Cluster' }, { token: root });
    await api.post(
      `/api/v1/superadmin/stores/${store.body.id}/admins`,
      { username: 'owner', password: 'cluster-owner-1', role: 'owner' },
      { token: root },
    );
    owner = (
      await api.post('/api/v1/auth/admin/login', { storeCode: code, username: 'owner', password: 'cluster-owner-1' })
    ).body.token;
    await api.post('/api/v1/admin/tables', { number: 1, password: '1234' }, { token: owner });
    const category = await api.post('/api/v1/admin/categories', { name: 'main' }, { token: owner });
    menuId = (
      await api.post(
        '/api/v1/admin/menus',
        { categoryId: category.body.id, name: 'dish', price: 1000 },
        { token: owner },
      )
    ).body.id;
    table = (await api.post('/api/v1/auth/table/login', { storeCode: code, tableNumber: 1, password: '1234' })).body
      .token;
  });
  afterAll(() => {
    for (const s of streams) s.close();
  });

  it('delivers an order placed through one replica to a dashboard on the other, through nginx, within 2 s', async () => {
    const openOn = async (replica: Client) =>
      metricValue((await replica.get('/metrics')).body as string, /^sse_open_streams\{kind="admin"\} (\d+)/m);
    const before = await Promise.all(replicas.map(openOn));
    const admin = await connectSse(`${remote.nginx}/api/v1/admin/stream`, { token: owner });
    streams.push(admin);
    expect(admin.status).toBe(200);
    const after = await Promise.all(replicas.map(openOn));
    const holderIndex = after.findIndex((n, i) => n > (before[i] ?? 0));
    expect(holderIndex).toBeGreaterThanOrEqual(0);
    const other = replicas[1 - holderIndex] as Client;

    const latencies: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const started = performance.now();
      const placed = await other.post(
        '/api/v1/table/orders',
        { items: [{ menuId, quantity: 1 }] },
        { token: table, headers: { 'idempotency-key': randomUUID() } },
      );
      expect(placed.status).toBe(201);
      const [created] = (await admin.waitFor(i, { type: 'order.created', timeoutMs: SPEC_DELIVERY_MS })).slice(-1);
      expect(created!.data.order.id).toBe(placed.body.id);
      latencies.push(created!.at - started);
    }
    console.log(
      `order sent to one replica → on the dashboard of the other (via Redis and nginx): ${latencies.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`,
    );
  });
});
