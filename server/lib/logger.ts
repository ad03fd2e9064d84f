import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** JSON lines to stdout, and to LOG_FILE as well when it is set. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFile'>): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'tableorder' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
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
