import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** Where a failing query's values sit in an error: drizzle's message line, and its fields. */
const PARAMS_LINE = /\nparams: [\s\S]*?(?=\n {4}at |$)/;
const PARAM_FIELDS = new Set(['params', 'parameters', 'queryOptions', 'values']);

/**
 * An error as the log keeps it: pino's serializer, then every value a failing query was given
 * left out, in the error and in its causes. A query's parameters are customers' and staff's data
 * (names, notes, password hashes, tokens): drizzle puts them in its message (`params: …`) and a
 * field, PGlite in fields, and the database quotes them in its own messages and details
 * (`invalid input syntax …: "<value>"`, `Key (…)=(<value>)`): those quotes are cut wherever they
 * appear. The statement's text stays: it is the code's own.
 */
export function serializeError(err: unknown): unknown {
  const values = new Set<string>();
  collectParams(err, values, 0);
  const secrets = [...values].sort((a, b) => b.length - a.length);
  return redactQueryValues(pino.stdSerializers.err(err as Error), secrets, 0);
}

function collectParams(err: unknown, into: Set<string>, depth: number): void {
  if (!err || typeof err !== 'object' || depth > 5) return;
  for (const key of PARAM_FIELDS) {
    const list = (err as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    for (const value of list.flat(3)) {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? null : String(value);
      // Short values (a quantity, a flag) say nothing and would cut ordinary words.
      if (text && text.length >= 3) into.add(text);
    }
  }
  collectParams((err as { cause?: unknown }).cause, into, depth + 1);
}

function redactText(text: string, secrets: string[]): string {
  let out = text.replace(PARAMS_LINE, '\nparams: [redacted]');
  for (const secret of secrets) out = out.replaceAll(secret, '[redacted]');
  return out;
}

function redactQueryValues(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (!value || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((item) => redactQueryValues(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = PARAM_FIELDS.has(key) ? '[redacted]' : redactQueryValues(field, secrets, depth + 1);
  }
  return out;
}

/** The logger's options: levels, fields every line has, what is never written. */
export function loggerOptions(config: Pick<Config, 'logLevel'>): pino.LoggerOptions {
  return {
    level: config.logLevel,
    base: { service: 'tableorder' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
}

/**
 * JSON lines to stdout (or `destination`, for tests), and to LOG_FILE as well when it is set.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logFile'>,
  destination?: pino.DestinationStream,
): Logger {
  const options = loggerOptions(config);
  if (destination) return pino(options, destination);
  if (!config.logFile) return pino(options, pino.destination({ sync: false }));
  mkdirSync(path.dirname(path.resolve(config.logFile)), { recursive: true });
  return pino(
    options,
    pino.multistream([
      { level: config.logLevel === 'silent' ? 'fatal' : config.logLevel, stream: pino.destination({ sync: false }) },
      {
        level: config.logLevel === 'silent' ? 'fatal' : config.logLevel,
        stream: pino.destination({ dest: config.logFile, mkdir: true, sync: false }),
      },
    ]),
  );
}

/** A guest's page (`/q/<code>`): the code is a credential, so it never reaches a log or a Referer. */
export const GUEST_PAGE = /^\/q(\/|$)/;

/** A request's URL as logs may keep it: a table's QR code is left out. */
export function redactUrl(url: string): string {
  return GUEST_PAGE.test(url) ? '/q/[redacted]' : url;
}
