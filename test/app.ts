import type { FastifyInstance } from 'fastify';
import { type AppOverrides, buildApp } from '../server/app.js';
import { type Config, loadConfig } from '../server/config.js';
import { type Clock, ManualClock } from '../server/lib/clock.js';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './db.js';
import { type Client, createClient } from './http.js';

export interface TestApp<C extends Clock = ManualClock> {
  app: FastifyInstance;
  api: Client;
  url: string;
  config: Config;
  database: TestDatabase;
  /** The app's clock: a ManualClock tests move, unless the test gave another. */
  clock: C;
  close(): Promise<void>;
}

export interface TestAppOptions<C extends Clock = ManualClock> extends Omit<AppOverrides, 'database' | 'clock'> {
  clock?: C;
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string>;
  /** Share a database with another test app (two replicas); it is then not closed by this one. */
  database?: TestDatabase;
  /** Listen on this port instead of a random one (a restarted server keeps its address). */
  port?: number;
  /** Runs after the app is built and before it listens (extra test-only routes). */
  setup?: (app: FastifyInstance) => void | Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    ENVIRONMENT: 'development',
    LOG_LEVEL: 'silent',
    JWT_SECRET_KEY: 'test-secret-for-the-test-suite-only-0123456789',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: './data/test',
    // Suites fire hundreds of orders at one table; the per-table limit has its own tests.
    TABLE_ORDER_RATE: '100000',
    // With TEST_REDIS_URL set, every suite runs on the Redis bus (and Redis-backed limits).
    ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...env,
  });
}

/**
 * Builds the real app on a fresh database and listens on a random loopback port, so tests speak
 * HTTP to it like any client. Background jobs are off unless asked for; the clock is a
 * ManualClock unless another is given.
 */
export async function startTestApp<C extends Clock = ManualClock>(
  options: TestAppOptions<C> = {},
): Promise<TestApp<C>> {
  const { env, database: shared, setup, port, clock: _clock, ...overrides } = options;
  const config = testConfig(env);
  const database = shared ?? (await createTestDatabase());
  const clock = options.clock ?? (new ManualClock(new Date()) as Clock as C);
  const app = await buildApp(config, {
    logger: false,
    backgroundJobs: false,
    ...overrides,
    clock,
    database,
  });
  await setup?.(app);
  await app.listen({ port: port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('test app has no port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    api: createClient(url),
    url,
    config,
    database,
    clock,
    async close() {
      await app.close();
      if (!shared) await database.close();
    },
  };
}

/** Every route of the OpenAPI document (all API routes carry schemas), as Fastify-style URLs. */
export async function documentedRoutes(t: TestApp<Clock>): Promise<Array<{ method: string; url: string }>> {
  const doc = await t.api.get('/api/docs/json');
  const routes: Array<{ method: string; url: string }> = [];
  for (const [path, operations] of Object.entries(doc.body.paths as Record<string, object>)) {
    for (const method of Object.keys(operations)) {
      if (method === 'head' || method === 'options') continue;
      routes.push({ method: method.toUpperCase(), url: path.replace(/\{(\w+)\}/g, ':$1') });
    }
  }
  return routes;
}
