import path from 'node:path';
import { z } from 'zod';

/** Secrets that ship in examples and docs; production must never run with one of them. */
const KNOWN_WEAK_SECRETS = new Set([
  'dev-only-insecure-jwt-secret-do-not-use-in-production',
  'change-me',
  'changeme',
  'secret',
  'your-secret-key',
  'your-secret-key-change-in-production',
  'CHANGE_ME_TO_A_LONG_RANDOM_STRING_OF_AT_LEAST_32_CHARS',
]);
const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-do-not-use-in-production';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const positive = (fallback: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().positive().max(max).default(fallback));
const url = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (value) => {
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      )
      .optional(),
  );

const envSchema = z.object({
  PORT: int(8000, 0, 65535),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  ENVIRONMENT: z.preprocess(emptyToUndefined, z.enum(['development', 'production']).default('development')),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: int(10, 1, 500),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  REDIS_URL: url(['redis:', 'rediss:']),
  JWT_SECRET_KEY: optionalString,
  JWT_EXPIRE_HOURS: positive(16, 24 * 30),
  SESSION_EXPIRE_HOURS: positive(16, 24 * 7),
  SESSION_LAST_ORDER_TIMEOUT_HOURS: positive(2, 24 * 7),
  CORS_ORIGINS: optionalString,
  FRONTEND_URL: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  LOG_FILE: optionalString,
  AWS_REGION: z.preprocess(emptyToUndefined, z.string().default('ap-northeast-2')),
  S3_BUCKET_NAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
      .optional(),
  ),
  S3_ENDPOINT: url(['http:', 'https:']),
  SSE_HEARTBEAT_INTERVAL: positive(30, 3600),
  SSE_MAX_CONNECTIONS_PER_STORE: int(100, 1, 100_000),
  TABLE_ORDER_RATE: int(30, 1, 1_000_000),
  PUBLIC_BASE_URL: url(['http:', 'https:']),
  GUEST_SIGN_IN_PER_IP_PER_MINUTE: int(300, 120, 1_000_000),
  GUEST_SIGN_IN_PER_TABLE: int(30, 1, 1_000_000),
  CART_EDIT_RATE: int(120, 1, 1_000_000),
  SUPERADMIN_USERNAME: optionalString,
  SUPERADMIN_PASSWORD: optionalString,
});

export interface Config {
  port: number;
  host: string;
  environment: 'development' | 'production';
  isProduction: boolean;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  redisUrl: string | undefined;
  jwtSecret: string;
  jwtExpireHours: number;
  sessionExpireHours: number;
  sessionLastOrderTimeoutHours: number;
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFile: string | undefined;
  awsRegion: string;
  s3BucketName: string | undefined;
  s3Endpoint: string | undefined;
  sseHeartbeatSeconds: number;
  sseMaxConnectionsPerStore: number;
  /** Orders per table per minute (with a burst of 12): far above any real table. */
  tableOrderRate: number;
  /**
   * Where guests' phones reach the app (`<publicBaseUrl>/q/<code>` on the table's QR code): from
   * PUBLIC_BASE_URL, never from a request's Host header; `http://localhost:<PORT>` in development
   * when unset, undefined in production when unset (QR codes are then refused).
   */
  publicBaseUrl: string | undefined;
  /** Guest sign-ins per client IP per minute (a whole restaurant's phones share one NAT address). */
  guestSignInPerIpPerMinute: number;
  /** Guest sign-ins per table per 10 minutes (wrong PINs count): slows PIN guessing to nothing. */
  guestSignInPerTable: number;
  /** Shared-cart changes per table per minute (with a burst of half as many). */
  cartEditRate: number;
  superadmin: { username: string; password: string } | undefined;
}

/** Thrown when the environment cannot be turned into a Config; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. Nothing else in the server reads `process.env`.
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...crossFieldProblems(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const isProduction = e.ENVIRONMENT === 'production';
  const jwtSecret = e.JWT_SECRET_KEY ?? DEV_JWT_SECRET;

  const origins = [e.CORS_ORIGINS, e.FRONTEND_URL]
    .filter((v): v is string => Boolean(v))
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

  return {
    port: e.PORT,
    host: e.HOST,
    environment: e.ENVIRONMENT,
    isProduction,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    jwtSecret,
    jwtExpireHours: e.JWT_EXPIRE_HOURS,
    sessionExpireHours: e.SESSION_EXPIRE_HOURS,
    sessionLastOrderTimeoutHours: e.SESSION_LAST_ORDER_TIMEOUT_HOURS,
    corsOrigins: [...new Set(origins)],
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE,
    awsRegion: e.AWS_REGION,
    s3BucketName: e.S3_BUCKET_NAME,
    s3Endpoint: e.S3_ENDPOINT,
    sseHeartbeatSeconds: e.SSE_HEARTBEAT_INTERVAL,
    sseMaxConnectionsPerStore: e.SSE_MAX_CONNECTIONS_PER_STORE,
    tableOrderRate: e.TABLE_ORDER_RATE,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? (isProduction ? undefined : `http://localhost:${e.PORT}`))?.replace(
      /\/+$/,
      '',
    ),
    guestSignInPerIpPerMinute: e.GUEST_SIGN_IN_PER_IP_PER_MINUTE,
    guestSignInPerTable: e.GUEST_SIGN_IN_PER_TABLE,
    cartEditRate: e.CART_EDIT_RATE,
    superadmin:
      e.SUPERADMIN_USERNAME && e.SUPERADMIN_PASSWORD
        ? { username: e.SUPERADMIN_USERNAME, password: e.SUPERADMIN_PASSWORD }
        : undefined,
  };
}

/** Rules between variables, checked on the raw values so every problem is reported at once. */
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const value = (name: string) => emptyToUndefined(env[name]) as string | undefined;
  const secret = value('JWT_SECRET_KEY');
  const superUser = value('SUPERADMIN_USERNAME');
  const superPassword = value('SUPERADMIN_PASSWORD');
  if (value('ENVIRONMENT') === 'production') {
    if (!secret || secret.length < 32 || KNOWN_WEAK_SECRETS.has(secret)) {
      problems.push(
        'JWT_SECRET_KEY: production needs a strong secret of at least 32 random characters (e.g. `openssl rand -hex 32`)',
      );
    }
    if (!superUser || !superPassword) {
      problems.push(
        'SUPERADMIN_USERNAME / SUPERADMIN_PASSWORD: production needs both, to create the first super-admin',
      );
    }
  } else if (secret && secret.length < 16) {
    problems.push('JWT_SECRET_KEY: must be at least 16 characters');
  }
  if (Boolean(superUser) !== Boolean(superPassword)) {
    problems.push('SUPERADMIN_USERNAME / SUPERADMIN_PASSWORD: set both or neither');
  }
  if (superPassword && superPassword.length < 8) problems.push('SUPERADMIN_PASSWORD: must be at least 8 characters');
  if (value('S3_ENDPOINT') && !value('S3_BUCKET_NAME')) problems.push('S3_ENDPOINT: needs S3_BUCKET_NAME as well');
  return problems;
}

/** Names of every environment variable the server understands (deployment files are checked against it). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
