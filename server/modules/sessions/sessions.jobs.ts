import type { FastifyPluginAsync } from 'fastify';
import { createSessionsService } from './sessions.service.js';

const SWEEP_EVERY_MS = 60_000;

/**
 * Closes idle and expired table sessions in the background. Every replica runs it; the sweep
 * itself makes sure each session is closed once.
 */
export const sessionJobs: FastifyPluginAsync = async (app) => {
  const sessions = createSessionsService({
    db: app.db,
    events: app.events,
    clock: app.clock,
    limits: app.config,
    metrics: app.metrics,
  });
  app.scheduler.every('session-sweep', SWEEP_EVERY_MS, async () => {
    const { closed } = await sessions.sweep();
    if (closed > 0) app.log.info({ closed }, 'closed idle or expired table sessions');
  });
};
