import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js';

const run = promisify(execFile);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('builds QR addresses from PUBLIC_BASE_URL only: localhost in development, none in production without it', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:8000');
    expect(loadConfig({ PORT: '9000' }).publicBaseUrl).toBe('http://localhost:9000');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://order.example.com/' }).publicBaseUrl).toBe(
      'https://order.example.com',
    );
    const production = {
      ENVIRONMENT: 'production',
      JWT_SECRET_KEY: 'a7f3c9e1b5d24f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d',
      SUPERADMIN_USERNAME: 'ops',
      SUPERADMIN_PASSWORD: 'a-strong-password',
    };
    expect(loadConfig(production).publicBaseUrl).toBeUndefined();
    expect(problemsOf({ PUBLIC_BASE_URL: 'order.example.com' })).toEqual([expect.stringContaining('PUBLIC_BASE_URL')]);
    expect(problemsOf({ GUEST_LOGIN_RATE_PER_IP: '60' })).toEqual([expect.stringContaining('GUEST_LOGIN_RATE_PER_IP')]);
    expect(loadConfig({}).guestSignInPerTable).toBe(30);
  });

  it('has the defaults of the design for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      environment: 'development',
      databaseUrl: undefined,
      redisUrl: undefined,
      jwtExpireHours: 16,
      sessionExpireHours: 16,
      sessionLastOrderTimeoutHours: 2,
      sseHeartbeatSeconds: 30,
      sseMaxConnectionsPerStore: 300,
      tableOrderRatePerMinute: 30,
      guestSignInPerIpPerMinute: 300,
      guestSignInPerTable: 30,
      trustedProxies: [],
      publicBaseUrl: 'http://localhost:8000',
      logLevel: 'info',
      warnings: [],
      awsRegion: 'ap-northeast-2',
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads every variable of the design', () => {
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET_KEY',
      'JWT_EXPIRE_HOURS',
      'SESSION_EXPIRE_HOURS',
      'SESSION_LAST_ORDER_TIMEOUT_HOURS',
      'ENVIRONMENT',
      'CORS_ORIGINS',
      'FRONTEND_URL',
      'LOG_LEVEL',
      'LOG_FILE',
      'AWS_REGION',
      'S3_BUCKET_NAME',
      'S3_ENDPOINT',
      'SSE_HEARTBEAT_INTERVAL',
      'SSE_MAX_CONNECTIONS_PER_STORE',
      'DATABASE_POOL_SIZE',
      'SUPERADMIN_USERNAME',
      'SUPERADMIN_PASSWORD',
      'DATA_DIR',
      'PUBLIC_BASE_URL',
      'TRUSTED_PROXIES',
      'TABLE_ORDER_RATE',
      'GUEST_LOGIN_RATE_PER_IP',
      'GUEST_LOGIN_RATE_PER_TABLE',
      'DEBUG',
    ]) {
      expect(CONFIG_VARIABLES).toContain(name);
    }
  });

  it('merges CORS_ORIGINS and FRONTEND_URL', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      FRONTEND_URL: 'https://a.example',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ ENVIRONMENT: 'qa' }, 'ENVIRONMENT'],
    [{ PUBLIC_BASE_URL: 'order.example.com' }, 'PUBLIC_BASE_URL'],
    [{ PUBLIC_BASE_URL: 'https://order.example.com/?x=1' }, 'PUBLIC_BASE_URL'],
    [{ TRUSTED_PROXIES: '127.0.0.1, nginx' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TABLE_ORDER_RATE: '0' }, 'TABLE_ORDER_RATE'],
    [{ GUEST_LOGIN_RATE_PER_IP: 'many' }, 'GUEST_LOGIN_RATE_PER_IP'],
    [{ GUEST_LOGIN_RATE_PER_TABLE: '-3' }, 'GUEST_LOGIN_RATE_PER_TABLE'],
    [{ JWT_EXPIRE_HOURS: '-1' }, 'JWT_EXPIRE_HOURS'],
    [{ SSE_MAX_CONNECTIONS_PER_STORE: '1.5' }, 'SSE_MAX_CONNECTIONS_PER_STORE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ S3_BUCKET_NAME: 'No_Such Bucket' }, 'S3_BUCKET_NAME'],
    [{ SUPERADMIN_USERNAME: 'root' }, 'SUPERADMIN_USERNAME'],
  ])('names the variable of a bad value: %o', (env, name) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(name);
  });

  it.each([[undefined], ['short-secret'], ['change-me'], ['dev-only-insecure-jwt-secret-do-not-use-in-production']])(
    'refuses production without a strong JWT_SECRET_KEY (%s)',
    (secret) => {
      const env: Record<string, string> = {
        ENVIRONMENT: 'production',
        SUPERADMIN_USERNAME: 'root',
        SUPERADMIN_PASSWORD: 'a-long-password',
      };
      if (secret) env.JWT_SECRET_KEY = secret;
      expect(problemsOf(env).join('\n')).toContain('JWT_SECRET_KEY');
    },
  );

  it('accepts production with a strong secret and a first super-admin', () => {
    const config = loadConfig({
      ENVIRONMENT: 'production',
      JWT_SECRET_KEY: 'f3a9c1e07b5d4a2e8c6f0b1d3e5a7c9f2b4d6e8a0c1e3f5a',
      SUPERADMIN_USERNAME: 'root',
      SUPERADMIN_PASSWORD: 'a-long-password',
    });
    expect(config.isProduction).toBe(true);
  });

  it('stops the process at start-up with a message naming the variable', async () => {
    const main = path.resolve(import.meta.dirname, 'main.ts');
    const error = await run(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: 'not-a-port', ENVIRONMENT: 'production', JWT_SECRET_KEY: '' },
      timeout: 20_000,
    }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(error).not.toBeNull();
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('Invalid configuration');
    expect(error?.stderr).toContain('PORT');
    expect(error?.stderr).toContain('JWT_SECRET_KEY');
  });
});

const STRONG_SECRET = 'f3a9c1e07b5d4a2e8c6f0b1d3e5a7c9f2b4d6e8a0c1e3f5a';
const PRODUCTION_LIKE = {
  JWT_SECRET_KEY: STRONG_SECRET,
  SUPERADMIN_USERNAME: 'root',
  SUPERADMIN_PASSWORD: 'a-long-password',
  PUBLIC_BASE_URL: 'https://order.example.com',
};

describe('config: the spellings of deployment guides', () => {
  it.each([
    ['INFO', 'info'],
    ['Debug', 'debug'],
    [' warn ', 'warn'],
    ['WARNING', 'warn'],
    ['ERROR', 'error'],
    ['CRITICAL', 'fatal'],
  ])('accepts LOG_LEVEL=%s as %s', (level, expected) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(expected);
  });

  it('reads S3_BUCKET as S3_BUCKET_NAME, so images do not silently stay on local disk', () => {
    expect(loadConfig({ S3_BUCKET: 'menu-images' }).s3BucketName).toBe('menu-images');
    expect(loadConfig({ S3_BUCKET: 'menu-images', S3_BUCKET_NAME: 'menu-images' }).s3BucketName).toBe('menu-images');
    expect(loadConfig({ S3_BUCKET: 'a-bucket', S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3Endpoint).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('reads JWT_EXPIRATION_HOURS as JWT_EXPIRE_HOURS', () => {
    expect(loadConfig({ JWT_EXPIRATION_HOURS: '8' }).jwtExpireHours).toBe(8);
  });

  it('refuses an alias and its canonical name set to different values, naming both', () => {
    const problems = problemsOf({ S3_BUCKET: 'one-bucket', S3_BUCKET_NAME: 'other-bucket' }).join('\n');
    expect(problems).toContain('S3_BUCKET / S3_BUCKET_NAME');
    expect(problemsOf({ JWT_EXPIRATION_HOURS: '8', JWT_EXPIRE_HOURS: '16' }).join('\n')).toContain(
      'JWT_EXPIRATION_HOURS / JWT_EXPIRE_HOURS',
    );
  });

  it('names the alias that was written when its value is bad', () => {
    expect(problemsOf({ S3_BUCKET: 'Not A Bucket' }).join('\n')).toContain('S3_BUCKET (read as S3_BUCKET_NAME)');
    expect(problemsOf({ JWT_EXPIRATION_HOURS: 'soon' }).join('\n')).toContain(
      'JWT_EXPIRATION_HOURS (read as JWT_EXPIRE_HOURS)',
    );
  });

  it('turns DEBUG=true into debug logging unless LOG_LEVEL is set', () => {
    expect(loadConfig({ DEBUG: 'true' }).logLevel).toBe('debug');
    expect(loadConfig({ DEBUG: '1' }).logLevel).toBe('debug');
    expect(loadConfig({ DEBUG: 'false' }).logLevel).toBe('info');
    const both = loadConfig({ DEBUG: 'true', LOG_LEVEL: 'warn' });
    expect(both.logLevel).toBe('warn');
    expect(both.warnings.join('\n')).toContain('DEBUG is ignored: LOG_LEVEL is set');
  });

  it('warns about, and ignores, a DEBUG meant for the debug library', () => {
    const config = loadConfig({ DEBUG: 'express:*' });
    expect(config.logLevel).toBe('info');
    expect(config.warnings.join('\n')).toContain('DEBUG is neither true nor false');
    expect(config.warnings.join('\n')).not.toContain('express');
  });

  it('runs staging like production under its own name', () => {
    const config = loadConfig({ ENVIRONMENT: 'staging', ...PRODUCTION_LIKE });
    expect(config.environment).toBe('staging');
    expect(config.isProduction).toBe(true);
    expect(loadConfig({ ENVIRONMENT: 'Production', ...PRODUCTION_LIKE }).environment).toBe('production');
  });

  it.each([[undefined], ['short-secret'], ['change-me']])(
    'refuses staging without a strong JWT_SECRET_KEY (%s) or a first super-admin',
    (secret) => {
      const env: Record<string, string> = { ENVIRONMENT: 'staging' };
      if (secret) env.JWT_SECRET_KEY = secret;
      const problems = problemsOf(env).join('\n');
      expect(problems).toContain('JWT_SECRET_KEY: staging needs a strong secret');
      expect(problems).toContain('SUPERADMIN_USERNAME / SUPERADMIN_PASSWORD: staging needs both');
    },
  );

  it('seeds no demo data in staging', async () => {
    const { openDatabase } = await import('./db/client.js');
    const { bootstrap } = await import('./modules/bootstrap/bootstrap.service.js');
    const database = await openDatabase({ pgliteDir: 'memory://' });
    try {
      const result = await bootstrap(database.db, loadConfig({ ENVIRONMENT: 'staging', ...PRODUCTION_LIKE }));
      expect(result).toEqual({ superadminCreated: 'root', demoSeeded: false });
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('config: settings of later features', () => {
  it('parses PUBLIC_BASE_URL without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://order.example.com/' }).publicBaseUrl).toBe(
      'https://order.example.com',
    );
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://example.com/order' }).publicBaseUrl).toBe(
      'https://example.com/order',
    );
  });

  it('warns in production and staging when PUBLIC_BASE_URL is unset or plain http', () => {
    for (const environment of ['production', 'staging']) {
      const unset = loadConfig({ ENVIRONMENT: environment, ...PRODUCTION_LIKE, PUBLIC_BASE_URL: '' });
      expect(unset.warnings.join('\n')).toContain('PUBLIC_BASE_URL is not set');
      const plain = loadConfig({ ENVIRONMENT: environment, ...PRODUCTION_LIKE, PUBLIC_BASE_URL: 'http://x.example' });
      expect(plain.warnings.join('\n')).toContain('PUBLIC_BASE_URL is plain http');
    }
    expect(loadConfig({ ENVIRONMENT: 'production', ...PRODUCTION_LIKE }).warnings).toEqual([]);
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it('parses TRUSTED_PROXIES as addresses and ranges, none by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '127.0.0.1, 172.30.80.0/24,::1,fd00::/8 ,loopback' }).trustedProxies).toEqual([
      '127.0.0.1',
      '172.30.80.0/24',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('parses the rate limits other features use', () => {
    const config = loadConfig({
      TABLE_ORDER_RATE: '60',
      GUEST_LOGIN_RATE_PER_IP: '600',
      GUEST_LOGIN_RATE_PER_TABLE: '100',
    });
    expect(config).toMatchObject({
      tableOrderRatePerMinute: 60,
      guestSignInPerIpPerMinute: 600,
      guestSignInPerTable: 100,
    });
  });
});

describe('config: variables that look like ours but are not', () => {
  const SECRET_VALUE = 'value-that-must-never-be-printed';

  it.each([
    ['JWT_SECRET', 'JWT_SECRET_KEY'],
    ['DB_URL', 'DATABASE_URL'],
    ['DATABASE_POOL', 'DATABASE_POOL_SIZE'],
    ['DB_POOL_SIZE', 'DATABASE_POOL_SIZE'],
    ['JWT_EXPIRY_HOURS', 'JWT_EXPIRE_HOURS'],
    ['LOG_LVL', 'LOG_LEVEL'],
    ['SUPERADMIN_PASSWRD', 'SUPERADMIN_PASSWORD'],
    ['REDIS_ULR', 'REDIS_URL'],
    ['S3_BUCKET_NAMES', 'S3_BUCKET_NAME'],
    ['database_url', 'DATABASE_URL'],
  ])('warns about %s and suggests %s, without its value', (name, suggestion) => {
    const config = loadConfig({ [name]: SECRET_VALUE });
    expect(config.warnings).toEqual([
      `${name} is not a TableOrder setting and is ignored (did you mean ${suggestion}?)`,
    ]);
    expect(config.warnings.join('\n')).not.toContain(SECRET_VALUE);
  });

  it.each([['SSE_MAX_STREAMS'], ['SESSION_TIMEOUT'], ['REDIS_HOST'], ['GUEST_LOGIN_LIMIT'], ['TRUSTED_PROXY_HOPS']])(
    'warns about %s, an unknown name under one of our prefixes',
    (name) => {
      const warnings = loadConfig({ [name]: SECRET_VALUE }).warnings;
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^${name} is not a TableOrder setting and is ignored`));
    },
  );

  it('says nothing about the variables shells, systemd, containers, CI and the AWS SDK set', () => {
    const everyday = [
      'HOME',
      'HOSTNAME',
      'PATH',
      'PWD',
      'TERM',
      'LANG',
      'LC_ALL',
      'TZ',
      'USER',
      'SHELL',
      'LOGNAME',
      'NODE_ENV',
      'NODE_OPTIONS',
      'NODE_VERSION',
      'YARN_VERSION',
      'INVOCATION_ID',
      'JOURNAL_STREAM',
      'SYSTEMD_EXEC_PID',
      'SESSION_MANAGER',
      'CI',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_DEFAULT_REGION',
      'AWS_EXECUTION_ENV',
      'npm_config_cache',
      'npm_lifecycle_event',
      'TEST_DATABASE_URL',
      'TEST_REDIS_URL',
    ];
    expect(loadConfig(Object.fromEntries(everyday.map((name) => [name, 'x']))).warnings).toEqual([]);
  });

  it('logs the warnings at start-up of an env file written from the guides, which starts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tableorder-config-'));
    const main = path.resolve(import.meta.dirname, 'main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        PATH: process.env.PATH ?? '',
        ENVIRONMENT: 'staging',
        LOG_LEVEL: 'INFO',
        JWT_SECRET_KEY: STRONG_SECRET,
        JWT_EXPIRATION_HOURS: '12',
        SUPERADMIN_USERNAME: 'root',
        SUPERADMIN_PASSWORD: 'a-long-password',
        DB_URL: SECRET_VALUE,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      const deadline = Date.now() + 150_000;
      let url: string | undefined;
      while (!url && Date.now() < deadline && child.exitCode === null) {
        url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(url, output).toBeDefined();
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const warnings = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string; environment?: string })
        .filter((line) => line.level === 40);
      expect(warnings.map((w) => w.msg)).toEqual([
        "PUBLIC_BASE_URL is not set: QR codes for guests' phones need the public address (staging)",
        'DB_URL is not a TableOrder setting and is ignored (did you mean DATABASE_URL?)',
      ]);
      expect(warnings[0]?.environment).toBe('staging');
      expect(output).not.toContain(SECRET_VALUE);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000); // a whole start-up on PGlite; slow on a busy machine
});
