import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import type { Scheduler } from '../../lib/scheduler.js';
import type { EventLog } from './realtime.event-log.js';
import { pruneEventLog } from './realtime.service.js';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Prunes the event log past its retention. Safe on every replica at once (see EventLog.prune). */
export function realtimeJobs(
  scheduler: Scheduler,
  deps: { events: EventLog; clock: Clock; log: FastifyBaseLogger },
): void {
  scheduler.every('prune-event-log', PRUNE_EVERY_MS, async () => {
    const removed = await pruneEventLog(deps);
    if (removed > 0) deps.log.info({ removed }, 'pruned the event log');
  });
}
