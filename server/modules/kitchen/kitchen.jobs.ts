import type { Scheduler } from '../../lib/scheduler.js';
import type { StationsService } from './kitchen.stations.js';

/** How often silent printers are looked for: with the 30 s limit, one shows offline within 35 s of its last report. */
const SWEEP_EVERY_MS = 5_000;

/** Marks printers offline whose print agent stopped reporting. Safe on every replica at once. */
export function kitchenJobs(scheduler: Scheduler, deps: { stations: StationsService }): void {
  scheduler.every('silent-printers', SWEEP_EVERY_MS, () => deps.stations.markSilentPrintersOffline());
}
