import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildStale } from '../../scripts/build.mjs';
import { freePort, ROOT, type RunningProcess, startProcess } from './processes.js';
import type { Engine, World } from './world.js';

const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'main.js');

/** Builds the server when its sources changed since the last build (the check `npm start` makes). */
export function ensureServerBuilt(): void {
  buildStale(['server']);
}

/**
 * Starts one replica of the real server from dist/ with production settings: no demo seed,
 * warnings-only logging, default pool size and stream limits.
 */
export async function startApp(
  engine: Engine,
  world: World,
  options: {
    label: string;
    profileDir?: string | undefined;
    /** Another built checkout to run instead of this one (for before/after comparisons). */
    root?: string | undefined;
    /** The port to listen on (a restarted replica keeps its place behind nginx); a free one by default. */
    port?: number;
    /** More environment, over the defaults (the soak sets REDIS_URL and TRUSTED_PROXIES here). */
    env?: Record<string, string>;
    /** Every line the replica writes (its JSON log). */
    onLine?: (line: string) => void;
    /** Another way to the engine's database (a counting proxy in front of it). */
    databaseUrl?: string | undefined;
  },
): Promise<RunningProcess> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    ENVIRONMENT: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET_KEY: world.secret,
    SUPERADMIN_USERNAME: 'bench-root',
    SUPERADMIN_PASSWORD: randomBytes(12).toString('hex'),
    DATA_DIR: engine.dataDir,
    // The load client plays the restaurant's proxy: it says where each sign-in comes from.
    TRUSTED_PROXIES: '127.0.0.1',
    // §14's default: 99 tablets and a dashboard per store, with 10 slots kept for staff, need more
    // than the 100 the configuration still defaults to.
    SSE_MAX_CONNECTIONS_PER_STORE: '300',
    // The per-table order limit (30 a minute after a burst) guards against a runaway tablet; the
    // benchmarks' tables order hundreds of times a minute on purpose. Builds without it ignore it.
    TABLE_ORDER_RATE: '1000000',
  };
  const databaseUrl = options.databaseUrl ?? engine.databaseUrl;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (engine.redisUrl) env.REDIS_URL = engine.redisUrl;
  Object.assign(env, options.env);
  const nodeFlags = ['--enable-source-maps'];
  if (options.profileDir) nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
  const entry = options.root ? path.join(options.root, 'dist', 'server', 'main.js') : SERVER_ENTRY;
  return startProcess({
    label: options.label,
    args: [entry],
    env,
    port,
    readyPath: '/health',
    nodeFlags,
    onLine: options.onLine,
  });
}

/** The machine's ceiling for any Fastify app: a bare hello-world server (bench/hello-server.ts). */
export async function startHello(): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess({
    label: 'hello-world',
    args: ['--import', 'tsx', path.join(ROOT, 'bench', 'hello-server.ts')],
    env: { PORT: String(port) },
    port,
    readyPath: '/',
  });
}
