import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { createS3Storage } from '../server/modules/images/images.storage-s3.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { factories } from '../test/factories.js';

// The operations scripts of deploy/scripts, run for real with the AWS CLI replaced by
// test/fake-aws.mjs (same commands, same answers, state in a folder).

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const SCRIPTS = path.join(DEPLOY_DIR, 'scripts');
const FAKE_AWS = path.join(DEPLOY_DIR, '..', 'test', 'fake-aws.mjs');

let root: string;
let awsDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tableorder-ops-'));
  awsDir = path.join(root, 'aws');
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(awsDir);
  symlinkSync(FAKE_AWS, path.join(root, 'bin', 'aws'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('bash', [path.join(SCRIPTS, script), ...args], {
    encoding: 'utf8',
    env: { PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, FAKE_AWS_DIR: awsDir, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for scripts that talk to an app running in it. */
async function runAsync(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn('bash', [path.join(SCRIPTS, script), ...args], {
    env: { PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, FAKE_AWS_DIR: awsDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [status] = await once(child, 'exit');
  return { status: status as number, stderr };
}

/** Every call the scripts made to the AWS CLI, as argument lists. */
const awsCalls = (): string[][] =>
  existsSync(path.join(awsDir, 'calls.jsonl'))
    ? readFileSync(path.join(awsDir, 'calls.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[])
    : [];

const optionOf = (call: string[], name: string) => call[call.indexOf(`--${name}`) + 1];

function storedParameter(name: string): { value: string; type: string; keyId: string } | undefined {
  const file = path.join(awsDir, 'parameters', encodeURIComponent(name));
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function putParameter(name: string, value: string) {
  const result = spawnSync(FAKE_AWS, ['ssm', 'put-parameter', '--name', name, '--value', value], {
    env: { ...process.env, FAKE_AWS_DIR: awsDir },
  });
  expect(result.status).toBe(0);
}

function envFileValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1]) values[match[1]] = match[2] ?? '';
  }
  return values;
}

describe('write-env-file.sh (first boot and rebuild of the AWS server)', () => {
  const PATH_PREFIX = '/tableorder/production';
  const DB_PASSWORD = 'Db0Password0From0Terraform0abcdefgh';
  let settings: string;

  beforeEach(() => {
    settings = path.join(root, 'settings.env');
    writeFileSync(
      settings,
      [
        'ENVIRONMENT=production',
        'AWS_REGION=ap-northeast-2',
        `PARAMETER_PATH=${PATH_PREFIX}`,
        'KMS_KEY_ID=alias/tableorder-production-secrets',
        'DB_HOST=tableorder-production-db.abc.ap-northeast-2.rds.amazonaws.com',
        'DB_PORT=5432',
        'DB_NAME=tableorder',
        'DB_USER=tableorder',
        'REDIS_URL=rediss://tableorder-production-redis.abc.cache.amazonaws.com:6379',
        'S3_BUCKET_NAME=tableorder-production-images-123456789012',
        'PUBLIC_BASE_URL=https://order.example.com',
        // Never run as shell: this stays a strange user name, it creates no file.
        `SUPERADMIN_USERNAME=$(touch ${path.join(root, 'PWNED')})`,
        '',
      ].join('\n'),
    );
    putParameter(`${PATH_PREFIX}/database-password`, DB_PASSWORD);
  });

  const write = (output: string, env: Record<string, string> = {}) =>
    run('write-env-file.sh', ['--settings', settings, output], {
      LOCAL_ENV_FILE: path.join(root, 'local.env'),
      ...env,
    });

  it('generates the JWT secret and the super-admin password once, stores them encrypted, and writes an env file production accepts', () => {
    const output = path.join(root, 'etc', 'tableorder.env');
    const result = write(output);
    expect(result.status, result.stderr).toBe(0);

    for (const name of ['jwt-secret-key', 'superadmin-password']) {
      const stored = storedParameter(`${PATH_PREFIX}/${name}`);
      expect(stored, name).toMatchObject({ type: 'SecureString', keyId: 'alias/tableorder-production-secrets' });
    }
    const env = envFileValues(readFileSync(output, 'utf8'));
    expect(env.JWT_SECRET_KEY).toBe(storedParameter(`${PATH_PREFIX}/jwt-secret-key`)?.value);
    expect(env.JWT_SECRET_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(env.SUPERADMIN_PASSWORD).toBe(storedParameter(`${PATH_PREFIX}/superadmin-password`)?.value);
    expect(env.DATABASE_URL).toBe(
      `postgres://tableorder:${DB_PASSWORD}@tableorder-production-db.abc.ap-northeast-2.rds.amazonaws.com:5432/tableorder?sslmode=verify-full&sslrootcert=/etc/tableorder/rds-ca.pem`,
    );
    expect(statSync(output).mode & 0o777).toBe(0o640);
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false);

    const config = loadConfig({ ...env, SUPERADMIN_USERNAME: 'superadmin' });
    expect(config).toMatchObject({
      environment: 'production',
      s3BucketName: 'tableorder-production-images-123456789012',
    });
    expect(config.warnings).toEqual([]);

    // Secrets reach the CLI through a file, never on a command line other processes can read.
    const calls = awsCalls();
    const puts = calls.filter((c) => c[1] === 'put-parameter').slice(1); // the first is this test's own
    expect(puts.map((c) => optionOf(c, 'name'))).toEqual([
      `${PATH_PREFIX}/jwt-secret-key`,
      `${PATH_PREFIX}/superadmin-password`,
    ]);
    for (const call of puts) {
      expect(optionOf(call, 'value')).toMatch(/^file:\/\//);
      expect(call).not.toContain('--overwrite');
    }
    for (const call of calls) {
      expect(call.join(' ')).not.toContain(env.JWT_SECRET_KEY);
      expect(call.join(' ')).not.toContain(env.SUPERADMIN_PASSWORD);
    }
    expect(result.stderr).not.toContain(env.JWT_SECRET_KEY);
  });

  it('gives a rebuilt server the same secrets back, generating and replacing nothing', () => {
    expect(write(path.join(root, 'old', 'tableorder.env')).status).toBe(0);
    const before = awsCalls().length;
    const rebuilt = write(path.join(root, 'new', 'tableorder.env'));
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const [old, now] = ['old', 'new'].map((d) =>
      envFileValues(readFileSync(path.join(root, d, 'tableorder.env'), 'utf8')),
    );
    expect(now).toEqual(old);
    expect(
      awsCalls()
        .slice(before)
        .map((c) => c[1]),
    ).toEqual(['get-parameter', 'get-parameter', 'get-parameter']);
  });

  it('stops, naming the parameter, when the database password is not in Parameter Store', () => {
    rmSync(path.join(awsDir, 'parameters', encodeURIComponent(`${PATH_PREFIX}/database-password`)));
    const output = path.join(root, 'tableorder.env');
    const result = write(output);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${PATH_PREFIX}/database-password`);
    expect(existsSync(output)).toBe(false);
  });

  it("appends the operator's own settings, which survive a rewrite", () => {
    writeFileSync(path.join(root, 'local.env'), 'CORS_ORIGINS=https://admin.example.com\n');
    const output = path.join(root, 'tableorder.env');
    expect(write(output).status).toBe(0);
    expect(envFileValues(readFileSync(output, 'utf8')).CORS_ORIGINS).toBe('https://admin.example.com');
  });
});

describe('report-health.sh (the health metric the alarm watches)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const published = () =>
    awsCalls()
      .filter((c) => c[1] === 'put-metric-data')
      .map((c) => ({
        namespace: optionOf(c, 'namespace'),
        data: JSON.parse(optionOf(c, 'metric-data') ?? '[]') as Array<{ MetricName: string; Value: number }>,
      }));
  const env = (url: string) => ({
    METRIC_NAMESPACE: 'tableorder/production',
    AWS_REGION: 'ap-northeast-2',
    HEALTH_URL: `${url}/health`,
    METRICS_URL: `${url}/metrics`,
  });

  it('publishes 1 and the open streams and sessions while the app is healthy', async () => {
    const result = await runAsync('report-health.sh', [], env(t.url));
    expect(result.status, result.stderr).toBe(0);
    const [call] = published();
    expect(call?.namespace).toBe('tableorder/production');
    expect(call?.data.map((d) => d.MetricName)).toEqual(['HealthCheckOk', 'SseOpenStreams', 'TableSessionsOpen']);
    expect(call?.data[0]?.Value).toBe(1);
  });

  it('publishes 0 when the app does not answer (down, or given up on by systemd)', () => {
    const result = run('report-health.sh', [], env('http://127.0.0.1:9'));
    expect(result.status).toBe(0);
    expect(published()).toEqual([
      {
        namespace: 'tableorder/production',
        data: [expect.objectContaining({ MetricName: 'HealthCheckOk', Value: 0 })],
      },
    ]);
  });
});

describe('snapshot-database.sh (before each deploy)', () => {
  it('snapshots the database, waits for it, and keeps only the newest pre-deploy snapshots', () => {
    const ids: string[] = [];
    for (const label of ['r1', 'r2', 'r3']) {
      const result = run('snapshot-database.sh', ['tableorder-production-db', label], { KEEP_SNAPSHOTS: '2' });
      expect(result.status, result.stderr).toBe(0);
      ids.push(result.stdout.trim());
    }
    expect(ids[0]).toMatch(/^tableorder-production-db-predeploy-\d{8}-\d{6}-r1$/);
    const commands = awsCalls().map((c) => `${c[0]} ${c[1]}`);
    expect(commands.filter((c) => c === 'rds create-db-snapshot')).toHaveLength(3);
    expect(commands.filter((c) => c === 'rds wait')).toHaveLength(3);
    expect(readFileSync(path.join(awsDir, 'deleted-snapshots'), 'utf8').trim().split('\n')).toEqual([ids[0]]);
  });
});

describe('smoke-test.mjs (after each deploy)', () => {
  let s3dir: string;
  let s3rver: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    s3dir = mkdtempSync(path.join(tmpdir(), 'tableorder-smoke-s3-'));
    s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3dir,
      configureBuckets: [{ name: 'menu-images' }],
    });
    endpoint = `http://127.0.0.1:${(await s3rver.run()).port}`;
  });
  afterAll(async () => {
    await s3rver.close();
    rmSync(s3dir, { recursive: true, force: true });
  });

  const s3 = (bucket: string) =>
    createS3Storage({
      bucket,
      region: 'ap-northeast-2',
      endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });

  async function smoke(t: TestApp, env: Record<string, string>) {
    const child = spawn(process.execPath, [path.join(SCRIPTS, 'smoke-test.mjs'), t.url], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    return { code: code as number, output };
  }

  it('uploads a picture through S3 and gets its WebP variants back, twice in a row, leaving its store closed', async () => {
    const t = await startTestApp({ imageStorage: s3('menu-images') });
    try {
      const root = await factories(t.app).superadmin({ username: 'root-operator', password: 'smoke-password-1' });
      const env = { SUPERADMIN_USERNAME: root.username, SUPERADMIN_PASSWORD: root.password };
      for (let run = 1; run <= 2; run++) {
        const { code, output } = await smoke(t, env);
        expect(code, output).toBe(0);
        expect(output).toMatch(/picture served back as WebP: [23] variants \(\d+ bytes, image\/webp/);
        expect(output).toContain('"storage":"ok"');
      }
      const { stores } = (await t.api.get('/api/v1/superadmin/stores', { token: root.token })).body as {
        stores: Array<{ code: string; isActive: boolean }>;
      };
      expect(stores.filter((s) => s.code === 'ops-smoke')).toEqual([expect.objectContaining({ isActive: false })]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('fails, saying why, when the installation cannot store pictures', async () => {
    const t = await startTestApp({ imageStorage: s3('bucket-that-is-not-there') });
    try {
      const root = await factories(t.app).superadmin({ password: 'smoke-password-1' });
      const { code, output } = await smoke(t, {
        SUPERADMIN_USERNAME: root.username,
        SUPERADMIN_PASSWORD: root.password,
      });
      expect(code).toBe(1);
      expect(output).toMatch(/FAILED: image storage: error: .*\(404\)/);
    } finally {
      await t.close();
    }
  }, 120_000);
});
