import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Clock } from './lib/clock.js';
import type { Metrics } from './lib/metrics.js';
import { createRateLimiter } from './lib/rate-limiter.js';
import { createLockout } from './modules/auth/auth.lockout.js';
import { createAuthService } from './modules/auth/auth.service.js';
import type { TokenService } from './modules/auth/auth.tokens.js';
import { createCallReads } from './modules/calls/calls.read.js';
import { createCallsService } from './modules/calls/calls.service.js';
import { createCartsService } from './modules/carts/carts.service.js';
import { createGuestsService } from './modules/guests/guests.service.js';
import type { ImageStorage } from './modules/images/images.storage.js';
import { createPrintJobsService } from './modules/kitchen/kitchen.print-jobs.js';
import { createKitchenService } from './modules/kitchen/kitchen.service.js';
import { createStationsService } from './modules/kitchen/kitchen.stations.js';
import { createMenuCatalog } from './modules/menus/menus.catalog.js';
import { createCategoriesService } from './modules/menus/menus.categories.js';
import { createMenuImagesService } from './modules/menus/menus.images.js';
import { createOptionGroupsService } from './modules/menus/menus.option-groups.js';
import { createMenusService } from './modules/menus/menus.service.js';
import { createMenuVersions } from './modules/menus/menus.versions.js';
import { createOrderReads } from './modules/orders/orders.read.js';
import { createOrdersService } from './modules/orders/orders.service.js';
import { createOrderChanges } from './modules/orders/orders.staff.js';
import { createOrderWriter } from './modules/orders/orders.writer.js';
import { createPaymentsService } from './modules/payments/payments.service.js';
import type { EventBus } from './modules/realtime/realtime.bus.js';
import type { EventLog } from './modules/realtime/realtime.event-log.js';
import { createRealtimeService } from './modules/realtime/realtime.service.js';
import { createReportReads } from './modules/reports/reports.read.js';
import { createSessionReads } from './modules/sessions/sessions.read.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';
import { createStoresService } from './modules/stores/stores.service.js';
import { createTableMoves } from './modules/tables/tables.moves.js';
import { createTablesService } from './modules/tables/tables.service.js';
import { createUsersService } from './modules/users/users.service.js';

/** A dozen orders at once from a big party pass; then TABLE_ORDER_RATE per minute. */
const TABLE_ORDER_BURST = 12;
/** GUEST_LOGIN_RATE_PER_TABLE is counted over this window. */
const GUEST_SIGN_IN_WINDOW_MINUTES = 10;

export interface ServiceDeps {
  config: Config;
  db: Db;
  events: EventLog;
  bus: EventBus;
  clock: Clock;
  metrics: Metrics;
  tokens: TokenService;
  imageStorage: ImageStorage;
  log: FastifyBaseLogger;
}

/**
 * The composition root: every service of the app, built once with its dependencies given
 * explicitly. Routes, jobs and tests take what they need from here; no service builds another.
 */
export function createServices(deps: ServiceDeps) {
  const { config, db, events, bus, clock, metrics, tokens, imageStorage: storage, log } = deps;
  const base = { db, events, clock };

  const lockout = createLockout({ db, clock });
  const sessions = createSessionsService({ ...base, limits: config, metrics });
  const versions = createMenuVersions({ db, bus });
  const catalog = createMenuCatalog({ db, versions });
  const orders = createOrdersService({
    ...base,
    limits: config,
    metrics,
    catalog,
    // One call at a time on the single embedded connection; a few on a pool, so a batch never
    // waits for a connection and the others keep gathering orders.
    writer: createOrderWriter({
      db,
      events,
      maxInFlight: config.databaseUrl ? Math.max(1, Math.min(4, Math.floor(config.databasePoolSize / 2))) : 1,
    }),
    closeIfExpired: sessions.closeIfExpired,
    rate: createRateLimiter(
      {
        perMinute: config.tableOrderRatePerMinute,
        burst: Math.max(TABLE_ORDER_BURST, config.tableOrderRatePerMinute / 2),
      },
      clock,
    ),
  });
  return {
    lockout,
    auth: createAuthService({ db, tokens, lockout }),
    stores: createStoresService(base),
    users: createUsersService(base),
    categories: createCategoriesService(base),
    optionGroups: createOptionGroupsService(base),
    menus: createMenusService({
      ...base,
      storage,
      versions,
      onCleanupError: (err, key) => log.warn({ err, key }, 'could not remove a deleted dish picture'),
    }),
    menuImages: createMenuImagesService({
      ...base,
      storage,
      onCleanupError: (err, key) => log.warn({ err, key }, 'could not remove a replaced or unused picture'),
    }),
    imageStorage: storage,
    tables: createTablesService(base),
    tableMoves: createTableMoves({ ...base, limits: config, metrics, catalog }),
    orderChanges: createOrderChanges({ ...base, limits: config, metrics }),
    payments: createPaymentsService(base),
    sessions,
    sessionReads: createSessionReads({ db }),
    catalog,
    versions,
    orders,
    guests: createGuestsService({
      ...base,
      tokens,
      limits: config,
      tableRate: createRateLimiter(
        {
          perMinute: config.guestSignInPerTable / GUEST_SIGN_IN_WINDOW_MINUTES,
          burst: config.guestSignInPerTable,
        },
        clock,
      ),
    }),
    carts: createCartsService({
      ...base,
      limits: config,
      catalog,
      orders,
      rate: createRateLimiter({ perMinute: config.cartEditRate, burst: Math.max(10, config.cartEditRate / 2) }, clock),
    }),
    orderReads: createOrderReads({ db }),
    stations: createStationsService(base),
    kitchen: createKitchenService({ ...base, orders }),
    printJobs: createPrintJobsService({ db, clock }),
    calls: createCallsService({ ...base, limits: config, metrics }),
    callReads: createCallReads({ db }),
    reports: createReportReads({ db, clock }),
    realtime: createRealtimeService({
      events,
      bus,
      clock,
      metrics,
      log,
      maxStreamsPerStore: config.sseMaxConnectionsPerStore,
      heartbeatMs: config.sseHeartbeatSeconds * 1000,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every routes plugin receives: `app.register(ordersRoutes, { prefix, services })`. */
export interface RoutesOptions {
  services: Services;
}
