import type { Scheduler } from '../../lib/scheduler.js';
import type { MenuVersions } from './menus.versions.js';

const REFRESH_EVERY_MS = 1_000;

/** Keeps the menu versions held in memory right should a bus message be lost. */
export function menusJobs(scheduler: Scheduler, deps: { versions: MenuVersions }): void {
  scheduler.every('menu-versions-refresh', REFRESH_EVERY_MS, () => deps.versions.refresh());
}
