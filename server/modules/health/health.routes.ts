import { count, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Gauge } from 'prom-client';
import { z } from 'zod';
import { tableSessions } from '../../db/schema/index.js';
import type { RoutesOptions } from '../../services.js';

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.string(),
  bus: z.string(),
  /** Information only: pictures failing never make the app unhealthy (orders still flow). */
  storage: z.string(),
});

/** A storage answer is reused this long: /health is asked every few seconds, S3 costs per call. */
const STORAGE_CHECK_TTL_MS = 30_000;
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const describeError = (err: unknown) => {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return `error: ${e.message || e.name || 'unknown'}${status ? ` (${status})` : ''}`;
};

/** `/health` for load balancers and `/metrics` for Prometheus. */
export const healthRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  let storageState: { value: string; at: number } | undefined;
  let storageCheck: Promise<string> | undefined;
  const checkStorage = (): Promise<string> => {
    if (storageState && Date.now() - storageState.at < STORAGE_CHECK_TTL_MS) return Promise.resolve(storageState.value);
    const storage = services.imageStorage;
    if (!storage.check) return Promise.resolve('ok');
    // One check in flight at a time, however many health requests arrive together.
    storageCheck ??= withTimeout(storage.check(), 'storage')
      .then(() => 'ok', describeError)
      .then((value) => {
        storageState = { value, at: Date.now() };
        storageCheck = undefined;
        return value;
      });
    return storageCheck;
  };

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Database and bus health (200 when both answer, else 503); storage reported, never failing',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const [db, bus, storage] = await Promise.all([
        app.database.ping().then(
          () => 'ok',
          (err: Error) => `error: ${err.message}`,
        ),
        app.bus.health().catch((err: Error) => `error: ${err.message}`),
        checkStorage(),
      ]);
      const ok = db === 'ok' && bus === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, bus, storage });
    },
  );

  // Counted at scrape time from the partial index of open sessions (one row per busy table).
  new Gauge({
    name: 'table_sessions_open',
    help: 'Table sessions open now, all stores (NaN when the database did not answer)',
    registers: [app.metrics.registry],
    async collect() {
      try {
        const [row] = await withTimeout(
          app.db.select({ open: count() }).from(tableSessions).where(isNull(tableSessions.closedAt)),
          'the open sessions count',
        );
        this.set(row?.open ?? 0);
      } catch (err) {
        app.log.warn({ err }, 'metrics: could not count open table sessions');
        this.set(Number.NaN);
      }
    },
  });

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { hide: true }, logLevel: 'warn' },
    async (_request, reply) => {
      reply.type(app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
};
