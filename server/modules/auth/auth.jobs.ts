import type { Scheduler } from '../../lib/scheduler.js';
import type { CredentialCache } from './auth.credentials.js';
import type { Lockout } from './auth.lockout.js';

const PRUNE_EVERY_MS = 15 * 60_000;
/** How often the credentials kept in memory are checked against the log's recent revocations. */
const REVOCATION_SWEEP_MS = 500;

/**
 * Forgets old sign-in failures and stale in-flight marks; applies revocations a lost bus message
 * did not bring. Both safe on every replica at once.
 */
export function authJobs(scheduler: Scheduler, deps: { lockout: Lockout; credentials: CredentialCache }): void {
  scheduler.every('login-attempts-prune', PRUNE_EVERY_MS, () => deps.lockout.prune());
  scheduler.every('revocation-sweep', REVOCATION_SWEEP_MS, () => deps.credentials.sweep());
}
