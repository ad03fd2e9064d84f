import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { adminQuery } from '../lib/world.js';

const run = promisify(execFile);

/** Where pgbench lives: on PATH, or beside the server binaries of a Debian install. */
export async function findPgbench(): Promise<string | null> {
  for (const candidate of ['pgbench', ...debianCandidates()]) {
    try {
      await run(candidate, ['--version']);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

function debianCandidates(): string[] {
  return ['17', '16', '15', '14', '13'].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`);
}

export type PgbenchScript = 'insert' | 'hot-row';

const SCRIPTS: Record<PgbenchScript, string> = {
  // One single-row INSERT per transaction (autocommit): the plain commit rate of the machine.
  insert: "INSERT INTO bench_insert (payload) VALUES ('order');\n",
  // Every transaction updates the same row, then inserts and commits: transactions serialize on
  // that row's lock from the UPDATE to the commit, as one store's orders do on the stores row.
  'hot-row': [
    'BEGIN;',
    'UPDATE bench_counter SET n = n + 1 WHERE id = 1;',
    "INSERT INTO bench_insert (payload) VALUES ('order');",
    'COMMIT;',
    '',
  ].join('\n'),
};

/** Checkpoints the server was asked for so far (CREATE and DROP DATABASE force one each). */
export async function requestedCheckpoints(baseUrl: string): Promise<number> {
  const { rows } = await adminQuery(baseUrl, 'SELECT checkpoints_req::int AS n FROM pg_stat_bgwriter');
  return Number(rows[0]?.n ?? 0);
}

export interface Pgbench {
  tps(script: PgbenchScript, clients: number, seconds: number): Promise<number>;
  dispose(): Promise<void>;
}

/** A throwaway database with the two tables the scripts write to. */
export async function preparePgbench(binary: string, baseUrl: string): Promise<Pgbench> {
  const name = `tableorder_pgbench_${Date.now().toString(36)}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await adminQuery(
    url.toString(),
    `CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
     CREATE TABLE bench_counter (id int PRIMARY KEY, n bigint NOT NULL);
     INSERT INTO bench_counter VALUES (1, 0);`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-pgbench-'));
  for (const [script, text] of Object.entries(SCRIPTS)) writeFileSync(path.join(dir, `${script}.sql`), text);
  return {
    async tps(script, clients, seconds) {
      const { stdout } = await run(
        binary,
        [
          '-n',
          '-f',
          path.join(dir, `${script}.sql`),
          '-c',
          String(clients),
          '-j',
          String(Math.min(clients, 2)),
          '-T',
          String(seconds),
          url.toString(),
        ],
        { env: { ...process.env, PGCONNECT_TIMEOUT: '5' } },
      );
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
      if (!tps) throw new Error(`could not read pgbench's output:\n${stdout}`);
      return Number(tps);
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** bcrypt comparisons per second at the cost the server uses, on libuv's default 4 threads. */
export async function bcryptPerSecond(cost: number, count = 64): Promise<number> {
  const bcrypt = (await import('bcrypt')).default;
  const hash = await bcrypt.hash('bench-password', cost);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, () => bcrypt.compare('bench-password', hash)));
  return count / ((performance.now() - started) / 1000);
}
