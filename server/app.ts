import { randomUUID } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Database, type Db, openDatabase } from './db/client.js';
import { type Clock, systemClock } from './lib/clock.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH, registerErrorHandler } from './lib/error-handler.js';
import { createLogger, GUEST_PAGE, redactUrl } from './lib/logger.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { Scheduler } from './lib/scheduler.js';
import { validatorCompiler } from './lib/validation.js';
import { registerAccessControl } from './modules/auth/auth.access.js';
import { createCredentialCache } from './modules/auth/auth.credentials.js';
import { createGuards, type Guards } from './modules/auth/auth.guard.js';
import { authJobs } from './modules/auth/auth.jobs.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createTokenService, type TokenService } from './modules/auth/auth.tokens.js';
import { callsRoutes } from './modules/calls/calls.routes.js';
import { cartsRoutes } from './modules/carts/carts.routes.js';
import { guestsRoutes } from './modules/guests/guests.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { uploadsRoutes } from './modules/images/images.routes.js';
import type { ImageStorage } from './modules/images/images.storage.js';
import { createImageStorage } from './modules/images/images.storage-factory.js';
import { kitchenJobs } from './modules/kitchen/kitchen.jobs.js';
import { kitchenRoutes } from './modules/kitchen/kitchen.routes.js';
import { menusJobs } from './modules/menus/menus.jobs.js';
import { menusRoutes } from './modules/menus/menus.routes.js';
import { ordersJobs } from './modules/orders/orders.jobs.js';
import { ordersRoutes } from './modules/orders/orders.routes.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { createMemoryBus, type EventBus } from './modules/realtime/realtime.bus.js';
import { createEventLog, type EventLog } from './modules/realtime/realtime.event-log.js';
import { realtimeJobs } from './modules/realtime/realtime.jobs.js';
import { realtimeRoutes } from './modules/realtime/realtime.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { sessionsJobs } from './modules/sessions/sessions.jobs.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { storesRoutes } from './modules/stores/stores.routes.js';
import { tablesRoutes } from './modules/tables/tables.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { registerWebApps } from './modules/web/web.routes.js';
import { createServices, type Services } from './services.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    bus: EventBus;
    events: EventLog;
    clock: Clock;
    metrics: Metrics;
    tokens: TokenService;
    guards: Guards;
    scheduler: Scheduler;
    /** Every service, built once (server/services.ts); routes get them as plugin options. */
    services: Services;
  }
}

export interface AppOverrides {
  /** An already open database (tests); otherwise one is opened from the config and closed with the app. */
  database?: Database;
  bus?: EventBus;
  clock?: Clock;
  /** A logger instance, or false for none. */
  logger?: Logger | false;
  /** Start periodic jobs (session sweep, pruning) when the app is ready. Default true. */
  backgroundJobs?: boolean;
  /** Where menu pictures go; otherwise chosen from the config (local folder or S3). */
  imageStorage?: ImageStorage;
  /** Where the built web apps are (default dist/web). */
  webDir?: string;
}

const SLOW_REQUEST_MS = 500;
/** What a client-sent request id may look like: it ends up in logs and response headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Safe defaults for when the app is reached without nginx in front (nginx sets its own). */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Builds the whole application without listening: main.ts listens, tests build their own. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const logger = overrides.logger === undefined ? createLogger(config) : overrides.logger;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    // Fastify's two lines per request are replaced by one of ours (registerRequestLogging).
    logController: new LogController({ disableRequestLogging: true }),
    // A client's X-Request-Id is taken only when it is a short, safe id; otherwise we make one.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
    // X-Forwarded-For is believed only from the proxies named in TRUSTED_PROXIES (nginx on the
    // same host: 127.0.0.1). Trusting every private address would let any client on one rotate the
    // header past the per-IP sign-in limit.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors raised before any route or hook runs answer in the contract's shape too; no onSend
    // hook runs for them, so they get the security headers here.
    frameworkErrors: (err, request, reply) => frameworkErrors(err, request, reply.headers(SECURITY_HEADERS)),
    clientErrorHandler,
    return503OnClosing: true,
    // On close, drop keep-alive connections that carry no request, so shutdown is not held up by them.
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON (and multipart for pictures): any other body is a 415, not a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.databaseUrl,
      pgliteDir: `${config.dataDir}/pglite`,
      poolSize: config.databasePoolSize,
    }));
  const bus = overrides.bus ?? (await createBus(config));
  const metrics = createMetrics();
  const tokens = createTokenService({ secret: config.jwtSecret, expireHours: config.jwtExpireHours, clock });
  const events = createEventLog({ db: database.db, bus, clock });
  const credentials = createCredentialCache({ db: database.db, bus, clock });
  const guards = createGuards(credentials, tokens, database.db);
  const scheduler = new Scheduler(app.log);
  const services = createServices({
    config,
    db: database.db,
    events,
    bus,
    clock,
    metrics,
    tokens,
    imageStorage: overrides.imageStorage ?? createImageStorage(config),
    log: app.log,
  });

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('bus', bus);
  app.decorate('events', events);
  app.decorate('clock', clock);
  app.decorate('metrics', metrics);
  app.decorate('tokens', tokens);
  app.decorate('guards', guards);
  app.decorate('scheduler', scheduler);
  app.decorate('services', services);
  app.decorateRequest('principal', null);

  registerRequestLogging(app);
  registerSecurityHeaders(app);
  registerAccessControl(app, guards);

  if (config.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      credentials: false,
      exposedHeaders: ['etag', 'retry-after', 'x-request-id'],
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'TableOrder API',
        version: '1.0.0',
        description: 'Restaurant table ordering: tablets, staff, super-admin.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const api = { prefix: '/api/v1', services };
  await app.register(healthRoutes, { services });
  await app.register(uploadsRoutes, { services });
  await app.register(authRoutes, api);
  await app.register(storesRoutes, api);
  await app.register(usersRoutes, api);
  await app.register(menusRoutes, api);
  await app.register(tablesRoutes, api);
  await app.register(sessionsRoutes, api);
  await app.register(ordersRoutes, api);
  await app.register(kitchenRoutes, api);
  await app.register(callsRoutes, api);
  await app.register(guestsRoutes, api);
  await app.register(cartsRoutes, api);
  await app.register(paymentsRoutes, api);
  await app.register(realtimeRoutes, api);
  await app.register(reportsRoutes, api);

  // Every periodic job, each from its module's *.jobs.ts; all are safe on several replicas.
  authJobs(scheduler, { lockout: services.lockout, credentials });
  menusJobs(scheduler, { versions: services.versions });
  ordersJobs(scheduler, { orders: services.orders, clock });
  sessionsJobs(scheduler, { sessions: services.sessions, log: app.log });
  kitchenJobs(scheduler, { stations: services.stations });
  realtimeJobs(scheduler, { events, clock, log: app.log });

  const webFallback = await registerWebApps(app, overrides.webDir);
  app.setNotFoundHandler((request, reply) => {
    if (webFallback(request, reply)) return;
    reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: {} },
    });
  });

  app.addHook('onReady', async () => {
    if (overrides.backgroundJobs !== false) app.scheduler.start();
  });
  // Behind a keep-alive proxy (nginx keeps its upstream connections), a connection whose stream
  // or request ends during the shutdown stays open and idle until the keep-alive timeout (72 s),
  // holding the server open far past main.ts's grace: such connections are closed as they idle.
  let closingIdle: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    closingIdle = setInterval(() => app.server.closeIdleConnections(), 100);
    closingIdle.unref();
    app.server.once('close', () => clearInterval(closingIdle));
    done();
  });
  // Before the server stops: open streams would otherwise hold it open until clients leave.
  app.addHook('preClose', () => services.realtime.close());
  app.addHook('onClose', async () => {
    clearInterval(closingIdle);
    await app.scheduler.stop();
    credentials.close();
    services.versions.close();
    if (!overrides.bus) await bus.close();
    if (!overrides.database) await database.close();
  });

  return app;
}

async function createBus(config: Config): Promise<EventBus> {
  if (!config.redisUrl) return createMemoryBus();
  const { createRedisBus } = await import('./modules/realtime/realtime.bus-redis.js');
  return createRedisBus(config.redisUrl);
}

/** One log line per request, a `Slow API` warning past 500 ms, and the latency histogram. */
function registerRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // An event stream's duration is how long the client stayed, not latency: the realtime module
    // logs it when the stream closes.
    if (String(reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
    const ms = reply.elapsedTime;
    const route = request.routeOptions.url ?? 'unmatched';
    const line = {
      method: request.method,
      route,
      url: redactUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(ms * 10) / 10,
    };
    if (ms > SLOW_REQUEST_MS) request.log.warn(line, 'Slow API');
    else request.log.info(line, 'request');
    app.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, ms / 1000);
  });
}

/** SECURITY_HEADERS on every answer; guests' pages send no Referer at all. */
function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (GUEST_PAGE.test(request.url)) reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
}
