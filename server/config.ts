import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { findLookalikes } from './lib/env-lookalikes.js';

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
const lowerCase = (value: unknown) => {
  const present = emptyToUndefined(value);
  return typeof present === 'string' ? present.trim().toLowerCase() : present;
};

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

const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Level names of other loggers that guides use (Python's logging among them). */
const LOG_LEVEL_SYNONYMS: Record<string, (typeof LOG_LEVELS)[number]> = { warning: 'warn', critical: 'fatal' };
/** Names proxy-addr (Fastify's trustProxy) understands besides addresses and ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const commaList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const envSchema = z.object({
  PORT: int(8000, 0, 65535),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  ENVIRONMENT: z.preprocess(lowerCase, z.enum(ENVIRONMENTS).default('development')),
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
  PUBLIC_BASE_URL: url(['http:', 'https:']).refine((value) => {
    if (value === undefined || !URL.canParse(value)) return true; // url() names that problem
    const parsed = new URL(value);
    return parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
  }, 'must be a plain address such as https://order.example.com (no query, fragment or credentials)'),
  TRUSTED_PROXIES: optionalString.superRefine((value, ctx) => {
    const bad = commaList(value).filter((entry) => !isAddressOrRange(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not an IP address or CIDR range: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}`,
      });
    }
  }),
  LOG_LEVEL: z.preprocess((value) => {
    const level = lowerCase(value);
    return typeof level === 'string' ? (LOG_LEVEL_SYNONYMS[level] ?? level) : level;
  }, z.enum(LOG_LEVELS).optional()),
  /** `true` turns on debug logging when LOG_LEVEL is not set (guides write DEBUG=true). */
  DEBUG: optionalString,
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
  SSE_MAX_CONNECTIONS_PER_STORE: int(300, 1, 100_000),
  TABLE_ORDER_RATE: int(30, 1, 1_000_000),
  /** Guest sign-ins per client IP per minute; at least 120 (a restaurant's phones share one NAT address). */
  GUEST_LOGIN_RATE_PER_IP: int(300, 120, 1_000_000),
  GUEST_LOGIN_RATE_PER_TABLE: int(30, 1, 1_000_000),
  CART_EDIT_RATE: int(120, 1, 1_000_000),
  SUPERADMIN_USERNAME: optionalString,
  SUPERADMIN_PASSWORD: optionalString,
});

/**
 * Other names for our variables, as deployment guides spell them. The canonical name wins when
 * both are set to the same value; different values stop start-up.
 */
export const CONFIG_ALIASES: Readonly<Record<string, keyof typeof envSchema.shape>> = {
  S3_BUCKET: 'S3_BUCKET_NAME',
  JWT_EXPIRATION_HOURS: 'JWT_EXPIRE_HOURS',
};

/** Variables other programs read from the same environment: never reported as look-alikes. */
const FOREIGN_VARIABLES = [
  // The AWS SDK (credentials outside EC2, profiles).
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_REGION',
  // Desktop sessions set it; it is not a table session.
  'SESSION_MANAGER',
];

export interface Config {
  port: number;
  host: string;
  environment: (typeof ENVIRONMENTS)[number];
  /** Production or staging: a strong JWT secret and a first super-admin are required, no demo data. */
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
  /** Where guests' QR codes point (no trailing slash); never taken from a request's Host header. */
  publicBaseUrl: string | undefined;
  /** Peers whose X-Forwarded-For is believed (Fastify's trustProxy); empty: none. */
  trustedProxies: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  logFile: string | undefined;
  awsRegion: string;
  s3BucketName: string | undefined;
  s3Endpoint: string | undefined;
  sseHeartbeatSeconds: number;
  sseMaxConnectionsPerStore: number;
  /** Orders one table may place per minute (with a burst of 12): far above any real table. */
  tableOrderRatePerMinute: number;
  /** Guest sign-ins per client IP per minute (a whole restaurant's phones share one NAT address). */
  guestSignInPerIpPerMinute: number;
  /** Guest sign-ins per table per 10 minutes (wrong PINs count): slows PIN guessing to nothing. */
  guestSignInPerTable: number;
  /** Shared-cart changes per table per minute (with a burst of half as many). */
  cartEditRate: number;
  superadmin: { username: string; password: string } | undefined;
  /** Things worth a warning at start-up that do not stop it; they name variables, never values. */
  warnings: string[];
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
  const { merged, readAs, problems } = applyAliases(env);
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.');
      const alias = readAs.get(name);
      problems.push(`${alias ? `${alias} (read as ${name})` : name}: ${issue.message}`);
    }
  }
  problems.push(...crossFieldProblems(merged));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const isProduction = e.ENVIRONMENT !== 'development';
  const jwtSecret = e.JWT_SECRET_KEY ?? DEV_JWT_SECRET;
  const warnings: string[] = [];

  const debug = parseFlag(e.DEBUG);
  if (debug === undefined) {
    warnings.push('DEBUG is neither true nor false and is ignored (set LOG_LEVEL=debug for debug logs)');
  } else if (debug && e.LOG_LEVEL) {
    warnings.push('DEBUG is ignored: LOG_LEVEL is set and decides the log level');
  }
  if (isProduction && !e.PUBLIC_BASE_URL) {
    warnings.push(`PUBLIC_BASE_URL is not set: QR codes for guests' phones need the public address (${e.ENVIRONMENT})`);
  } else if (isProduction && e.PUBLIC_BASE_URL?.startsWith('http:')) {
    warnings.push(`PUBLIC_BASE_URL is plain http: guests' phones would sign in unencrypted (${e.ENVIRONMENT})`);
  }
  for (const { name, suggestion } of findLookalikes(Object.keys(env), {
    known: [...CONFIG_VARIABLES, ...Object.keys(CONFIG_ALIASES)],
    ignored: FOREIGN_VARIABLES,
    sharedPrefixes: ['AWS'],
  })) {
    warnings.push(
      `${name} is not a TableOrder setting and is ignored${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
    );
  }

  const origins = [e.CORS_ORIGINS, e.FRONTEND_URL].flatMap(commaList);

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
    // Unset in development: the local server itself (QR codes then work on the same machine).
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? (isProduction ? undefined : `http://localhost:${e.PORT}`))?.replace(
      /\/+$/,
      '',
    ),
    trustedProxies: commaList(e.TRUSTED_PROXIES),
    logLevel: e.LOG_LEVEL ?? (debug ? 'debug' : 'info'),
    logFile: e.LOG_FILE,
    awsRegion: e.AWS_REGION,
    s3BucketName: e.S3_BUCKET_NAME,
    s3Endpoint: e.S3_ENDPOINT,
    sseHeartbeatSeconds: e.SSE_HEARTBEAT_INTERVAL,
    sseMaxConnectionsPerStore: e.SSE_MAX_CONNECTIONS_PER_STORE,
    tableOrderRatePerMinute: e.TABLE_ORDER_RATE,
    guestSignInPerIpPerMinute: e.GUEST_LOGIN_RATE_PER_IP,
    guestSignInPerTable: e.GUEST_LOGIN_RATE_PER_TABLE,
    cartEditRate: e.CART_EDIT_RATE,
    superadmin:
      e.SUPERADMIN_USERNAME && e.SUPERADMIN_PASSWORD
        ? { username: e.SUPERADMIN_USERNAME, password: e.SUPERADMIN_PASSWORD }
        : undefined,
    warnings,
  };
}

/** `true`/`false` and their usual spellings; undefined for anything else. Unset is false. */
function parseFlag(value: string | undefined): boolean | undefined {
  if (value === undefined) return false;
  const flag = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(flag)) return true;
  if (['false', '0', 'no', 'off'].includes(flag)) return false;
  return undefined;
}

/** Copies aliased values to their canonical names; remembers which alias each came from. */
function applyAliases(env: NodeJS.ProcessEnv) {
  const merged: NodeJS.ProcessEnv = { ...env };
  const readAs = new Map<string, string>();
  const problems: string[] = [];
  for (const [alias, canonical] of Object.entries(CONFIG_ALIASES)) {
    const aliased = emptyToUndefined(env[alias]) as string | undefined;
    if (aliased === undefined) continue;
    const own = emptyToUndefined(env[canonical]) as string | undefined;
    if (own === undefined) {
      merged[canonical] = aliased;
      readAs.set(canonical, alias);
    } else if (own.trim() !== aliased.trim()) {
      problems.push(`${alias} / ${canonical}: two names for one setting with different values; keep ${canonical}`);
    }
  }
  return { merged, readAs, problems };
}

/** Rules between variables, checked on the raw values so every problem is reported at once. */
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const value = (name: string) => emptyToUndefined(env[name]) as string | undefined;
  const secret = value('JWT_SECRET_KEY');
  const superUser = value('SUPERADMIN_USERNAME');
  const superPassword = value('SUPERADMIN_PASSWORD');
  const environment = lowerCase(env.ENVIRONMENT);
  if (environment === 'production' || environment === 'staging') {
    if (!secret || secret.length < 32 || KNOWN_WEAK_SECRETS.has(secret)) {
      problems.push(
        `JWT_SECRET_KEY: ${environment} needs a strong secret of at least 32 random characters (e.g. \`openssl rand -hex 32\`)`,
      );
    }
    if (!superUser || !superPassword) {
      problems.push(
        `SUPERADMIN_USERNAME / SUPERADMIN_PASSWORD: ${environment} needs both, to create the first super-admin`,
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
