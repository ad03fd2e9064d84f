import type { Clock } from '../../lib/clock.js';
import type { Scheduler } from '../../lib/scheduler.js';
import type { OrdersService } from './orders.service.js';

/** Idempotency keys are kept at least this long (a tablet's outbox retries well within it), then pruned. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 15 * 60_000;

/** Prunes old idempotency keys. Safe on every replica at once. */
export function ordersJobs(scheduler: Scheduler, deps: { orders: OrdersService; clock: Clock }): void {
  scheduler.every('idempotency-key-prune', PRUNE_EVERY_MS, () =>
    deps.orders.pruneIdempotencyKeys(new Date(deps.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS)),
  );
}
