import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.string(),
  bus: z.string(),
});

/** `/health` for load balancers and `/metrics` for Prometheus. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Database and bus health (200 when both answer, else 503)',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const [db, bus] = await Promise.all([
        app.database.ping().then(
          () => 'ok',
          (err: Error) => `error: ${err.message}`,
        ),
        app.bus.health().catch((err: Error) => `error: ${err.message}`),
      ]);
      const ok = db === 'ok' && bus === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, bus });
    },
  );

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { hide: true }, logLevel: 'warn' },
    async (_request, reply) => {
      reply.type(app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
};
