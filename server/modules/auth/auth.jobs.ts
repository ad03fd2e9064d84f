import type { Scheduler } from '../../lib/scheduler.js';
import type { Lockout } from './auth.lockout.js';

const PRUNE_EVERY_MS = 15 * 60_000;

/** Forgets old sign-in failures and stale in-flight marks. Safe on every replica at once. */
export function authJobs(scheduler: Scheduler, deps: { lockout: Lockout }): void {
  scheduler.every('login-attempts-prune', PRUNE_EVERY_MS, () => deps.lockout.prune());
}
