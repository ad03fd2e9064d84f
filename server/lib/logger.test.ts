import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { createLogger, serializeError } from './logger.js';

/**
 * A failing query's values are customers' and staff's data; they never reach a log line, on
 * either engine (drizzle writes them into its message, PGlite into fields of its error).
 */

const SECRET = 'guest-note-7f3a-secret';
const lines: string[] = [];
let t: TestApp;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({
    logger: createLogger({ logLevel: 'info', logFile: undefined }, sink),
    setup: (app) => {
      // A query that fails on its value: the value must not be written anywhere.
      app.get('/api/v1/test-only/failing-query', { config: { access: 'public' } }, async () => {
        await app.db.execute(sql`select ${SECRET}::int as n`);
        return {};
      });
    },
  });
});
afterAll(() => t.close());

describe('error logs', () => {
  it("keep a failing query's statement but none of its parameters", async () => {
    const res = await t.api.get('/api/v1/test-only/failing-query');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const errors = lines.filter((line) => JSON.parse(line).level >= 50);
    expect(errors).toHaveLength(1);
    const text = errors[0] ?? '';
    expect(text).toContain('unhandled error');
    expect(text).toContain('::int as n');
    expect(text).not.toContain(SECRET);
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('redact parameters in the message, the stack, the fields and the causes of any error', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer'), {
      query: 'select $1::int',
      params: [SECRET],
    });
    const err = new Error(`Failed query: insert into t values ($1)\nparams: ${SECRET},42`, { cause });
    Object.assign(err, { params: [SECRET, 42], query: 'insert into t values ($1)' });
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toContain(SECRET);
    expect(logged).toContain('insert into t values ($1)');
    expect(logged).toContain('invalid input syntax for type integer');
    expect(logged).toContain('params: [redacted]');
    // Errors without query values come through as they were.
    expect(serializeError(new Error('plain'))).toMatchObject({ message: 'plain', type: 'Error' });
  });
});
