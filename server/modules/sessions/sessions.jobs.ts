import type { FastifyBaseLogger } from 'fastify';
import type { Scheduler } from '../../lib/scheduler.js';
import type { SessionsService } from './sessions.service.js';

const SWEEP_EVERY_MS = 60_000;

/**
 * Closes idle and expired table sessions in the background. Every replica runs it; the sweep
 * itself makes sure each session is closed once.
 */
export function sessionsJobs(scheduler: Scheduler, deps: { sessions: SessionsService; log: FastifyBaseLogger }): void {
  scheduler.every('session-sweep', SWEEP_EVERY_MS, async () => {
    const { closed } = await deps.sessions.sweep();
    if (closed > 0) deps.log.info({ closed }, 'closed idle or expired table sessions');
  });
}
