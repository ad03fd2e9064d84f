import { randomUUID } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { rowsOf } from '../../db/client.js';
import { tooManyRequests } from '../../lib/errors.js';

/**
 * Sign-ins allowed per client IP, per sign-in route, per minute. Generous on purpose: a
 * restaurant's tablets share one public IP behind NAT and all sign in again after a restart, so
 * per-account lockout (not this) is what stops password guessing; this only slows spraying.
 */
export const SIGN_IN_LIMIT_PER_MINUTE = 300;

/**
 * Registers @fastify/rate-limit in the calling plugin's scope for the routes that opt in with
 * `config: { rateLimit: {} }`. With Redis configured the counters live there so every replica
 * shares them; otherwise they stay in process memory.
 */
export async function registerSignInRateLimit(
  app: FastifyInstance,
  options: { perMinute?: number; message?: string } = {},
): Promise<void> {
  const redis = app.config.redisUrl ? await connectRedis(app.config.redisUrl) : undefined;
  if (redis) {
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  }
  await app.register(fastifyRateLimit, {
    global: false,
    max: options.perMinute ?? SIGN_IN_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: await redisNamespace(app) } : {}),
    // Redis only speeds things up here; when it is down, sign-ins go on (lockout still holds).
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(
        'RATE_LIMITED',
        options.message ?? 'Too many sign-ins from this address; try again shortly',
        context.ttl / 1000,
      ),
  });
}

async function connectRedis(url: string) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    // Fail a command at once rather than queue it behind a dead connection: requests must not hang.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(200 * attempt, 2_000),
  });
  redis.on('error', () => {});
  // Give the first connection a moment so the limit holds from the first request; a Redis that is
  // down must not stop the app from starting.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redis;
}

/** Namespaces of embedded databases, which have no name of their own: one per database object. */
const embeddedNamespaces = new WeakMap<object, string>();

/**
 * Keys are namespaced per database: replicas of one installation share a database and so share
 * counters, while installations (or test apps, each on a fresh database) sharing one Redis never
 * see each other's. An embedded PGlite database lives in one process, so a random namespace kept
 * with the database object is enough there.
 */
async function redisNamespace(app: FastifyInstance): Promise<string> {
  let scope = embeddedNamespaces.get(app.db);
  if (app.database.kind === 'postgres') {
    const [row] = rowsOf<{ name: string }>(await app.db.execute(sql`SELECT current_database() AS name`));
    scope = row?.name;
  }
  if (!scope) {
    scope = randomUUID();
    embeddedNamespaces.set(app.db, scope);
  }
  return `tableorder:sign-in-limit:${scope}:`;
}
