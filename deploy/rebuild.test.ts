import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../test/db.js';
import { type Client, createClient } from '../test/http.js';
import { freePort } from '../test/net.js';

// "The instance is gone" (deploy/README.md), rehearsed: a running production server with data is
// killed; deploy/scripts/rehearse-rebuild.sh restores its database into a fresh one, unpacks the
// release into a fresh directory, rebuilds the env file from Parameter Store (the AWS CLI stands
// in: test/fake-aws.mjs) and starts the app. Needs PostgreSQL (TEST_DATABASE_URL) with pg_dump,
// pg_restore and psql, and a built checkout (`npm run build`).
// To rehearse with a real release tarball and more data:
//   REHEARSAL_RELEASE=/path/tableorder-<rev>.tar.gz REHEARSAL_ORDERS=2000 TEST_DATABASE_URL=… npx vitest run deploy/rebuild.test.ts
const REHEARSAL_RELEASE = process.env.REHEARSAL_RELEASE;
const REHEARSAL_ORDERS = Number(process.env.REHEARSAL_ORDERS ?? 1);

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(DEPLOY_DIR);
const SCRIPTS = path.join(DEPLOY_DIR, 'scripts');
const BUILT = existsSync(path.join(ROOT, 'dist', 'server', 'main.js'));
const hasTool = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const skipReason = !TEST_DATABASE_URL
  ? 'set TEST_DATABASE_URL'
  : !BUILT
    ? 'run `npm run build` first'
    : !['pg_dump', 'pg_restore', 'psql'].every(hasTool)
      ? 'pg_dump, pg_restore and psql are needed (postgresql-client)'
      : undefined;
if (skipReason) console.info(`rebuild rehearsal skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  `the instance is gone: rebuild rehearsal${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dir: string;
    let sourceDb: string;
    let oldApp: ChildProcess | undefined;
    let rebuiltPid: number | undefined;
    let rebuiltDb: string | undefined;
    const env = () => ({ PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, FAKE_AWS_DIR: path.join(dir, 'aws') });
    const adminUrl = () => TEST_DATABASE_URL as string;
    const urlOf = (database: string) => Object.assign(new URL(adminUrl()), { pathname: `/${database}` }).href;

    /** A release as build-release.sh makes it: the staged files and production dependencies. */
    function stageRelease(into: string) {
      execFileSync(path.join(SCRIPTS, 'stage-release.sh'), [into]);
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'));
    }

    function settingsFor(database: string, file: string) {
      const url = new URL(urlOf(database));
      writeFileSync(
        file,
        [
          'ENVIRONMENT=production',
          'AWS_REGION=ap-northeast-2',
          'PARAMETER_PATH=/tableorder/production',
          'KMS_KEY_ID=alias/tableorder-production-secrets',
          `DB_HOST=${url.hostname}`,
          `DB_PORT=${url.port || 5432}`,
          `DB_NAME=${database}`,
          `DB_USER=${decodeURIComponent(url.username) || 'postgres'}`,
          'DB_OPTIONS=',
          'PUBLIC_BASE_URL=https://order.example.com',
          'SUPERADMIN_USERNAME=superadmin',
          '',
        ].join('\n'),
      );
    }

    const envFile = (file: string) =>
      Object.fromEntries(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /^[A-Z]/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tableorder-rebuild-'));
      mkdirSync(path.join(dir, 'bin'));
      mkdirSync(path.join(dir, 'aws'));
      symlinkSync(path.join(ROOT, 'test', 'fake-aws.mjs'), path.join(dir, 'bin', 'aws'));
      // What Terraform put in Parameter Store: the database password.
      execFileSync(
        'aws',
        [
          'ssm',
          'put-parameter',
          '--name',
          '/tableorder/production/database-password',
          '--value',
          'StoredDatabasePassword0123',
        ],
        {
          env: { ...process.env, ...env() },
        },
      );
      sourceDb = `tableorder_source_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${sourceDb}"`);
      await admin.end();
    });

    afterAll(async () => {
      if (oldApp?.exitCode === null) oldApp.kill('SIGKILL');
      if (rebuiltPid) {
        try {
          process.kill(rebuiltPid, 'SIGTERM');
        } catch {}
      }
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      for (const database of [sourceDb, rebuiltDb]) {
        if (database) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    });

    it('brings a killed production server back on a fresh disk with its data, secrets and signed-in devices', async () => {
      // The server before: first boot wrote its env file, a release runs, a restaurant uses it.
      settingsFor(sourceDb, path.join(dir, 'old-settings.env'));
      execFileSync(
        path.join(SCRIPTS, 'write-env-file.sh'),
        ['--settings', path.join(dir, 'old-settings.env'), path.join(dir, 'old.env')],
        {
          env: env(),
        },
      );
      stageRelease(path.join(dir, 'old-release'));
      const port = await freePort();
      oldApp = spawn('node', ['dist/server/main.js'], {
        cwd: path.join(dir, 'old-release'),
        env: {
          PATH: process.env.PATH ?? '',
          ...envFile(path.join(dir, 'old.env')),
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: path.join(dir, 'old-data'),
        },
        stdio: 'ignore',
      });
      const old = createClient(`http://127.0.0.1:${port}`);
      const deadline = Date.now() + 60_000;
      while (
        (await old.get('/health').then(
          (r) => r.status,
          () => 0,
        )) !== 200
      ) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const secrets = envFile(path.join(dir, 'old.env'));
      const restaurant = await openRestaurant(old, secrets.SUPERADMIN_PASSWORD as string, REHEARSAL_ORDERS);

      // The instance is gone.
      oldApp.kill('SIGKILL');
      await once(oldApp, 'exit');

      if (!REHEARSAL_RELEASE) stageRelease(path.join(dir, 'release'));
      settingsFor(sourceDb, path.join(dir, 'settings.env'));
      const newPort = await freePort();
      const rehearsal = spawn(
        'bash',
        [
          path.join(SCRIPTS, 'rehearse-rebuild.sh'),
          ...[
            '--source-db',
            urlOf(sourceDb),
            '--target-server',
            adminUrl(),
            '--release',
            REHEARSAL_RELEASE ?? path.join(dir, 'release'),
          ],
          ...['--settings', path.join(dir, 'settings.env'), '--work-dir', path.join(dir, 'new-server')],
          ...['--port', String(newPort), '--keep-running'],
        ],
        { env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      rehearsal.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      rehearsal.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const [code] = await once(rehearsal, 'exit');
      expect(code, stderr).toBe(0);
      rebuiltPid = Number(readFileSync(path.join(dir, 'new-server', 'app.pid'), 'utf8'));
      rebuiltDb = /REBUILT database=(\S+)/.exec(stdout)?.[1];
      console.log(`rebuild rehearsal:\n${stdout.trim()}`);
      expect(stdout).toMatch(/^TIMING total [\d.]+ s$/m);
      expect(stderr).toContain(`1 stores, ${REHEARSAL_ORDERS} orders`);

      // Same secrets: the tablet's token from before the loss still works, and sees its order.
      const rebuilt = createClient(`http://127.0.0.1:${newPort}`);
      const orders = await rebuilt.get('/api/v1/table/orders', { token: restaurant.tableToken });
      expect(orders.status).toBe(200);
      expect(orders.body.orders.map((o: { id: string }) => o.id)).toContain(restaurant.orderId);
      expect(envFile(path.join(dir, 'new-server', 'etc', 'tableorder.env')).JWT_SECRET_KEY).toBe(
        secrets.JWT_SECRET_KEY,
      );
    });
  },
);

/** A store, its owner, a table and a dish, and orders from the table, through the API. */
async function openRestaurant(api: Client, superadminPassword: string, orders: number) {
  const root = await api.post('/api/v1/auth/superadmin/login', {
    username: 'superadmin',
    password: superadminPassword,
  });
  expect(root.status).toBe(200);
  const token = root.body.token as string;
  const store = await api.post('/api/v1/superadmin/stores', { code: 'rebuild-test', name: '재건 식당' }, { token });
  await api.post(
    `/api/v1/superadmin/stores/${store.body.id}/admins`,
    { username: 'owner', password: 'owner-password-1', role: 'owner' },
    { token },
  );
  const owner = (
    await api.post('/api/v1/auth/admin/login', {
      storeCode: 'rebuild-test',
      username: 'owner',
      password: 'owner-password-1',
    })
  ).body.token;
  await api.post('/api/v1/admin/tables', { number: 1, password: '1234' }, { token: owner });
  const category = await api.post('/api/v1/admin/categories', { name: '메인' }, { token: owner });
  const menu = await api.post(
    '/api/v1/admin/menus',
    { categoryId: category.body.id, name: '김치찌개', price: 9000 },
    { token: owner },
  );
  const tableToken = (
    await api.post('/api/v1/auth/table/login', { storeCode: 'rebuild-test', tableNumber: 1, password: '1234' })
  ).body.token as string;
  let orderId = '';
  for (let n = 0; n < orders; n++) {
    const order = await api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: menu.body.id, quantity: 2 }] },
      { token: tableToken, headers: { 'idempotency-key': randomUUID() } },
    );
    expect(order.status).toBe(201);
    orderId = order.body.id as string;
  }
  return { tableToken, orderId };
}
