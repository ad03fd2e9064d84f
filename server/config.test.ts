import { execFile } from 'node:child_process';
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
    expect(problemsOf({ GUEST_SIGN_IN_PER_IP_PER_MINUTE: '60' })).toEqual([
      expect.stringContaining('GUEST_SIGN_IN_PER_IP_PER_MINUTE'),
    ]);
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
      sseMaxConnectionsPerStore: 100,
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
    [{ ENVIRONMENT: 'staging' }, 'ENVIRONMENT'],
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
