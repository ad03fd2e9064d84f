/**
 * The embedded default on a small machine: how long `npm start` takes to answer /health and how
 * much memory the server holds — after a first start (demo seed), after a restart, and under one
 * restaurant's load (the demo store's tablets ordering, one dashboard stream) — and whether a
 * changed source file is rebuilt. Runs `npm start` exactly as a restaurant does.
 *
 *   npm run bench:embedded
 *   BENCH_ROOT=/path/to/other/checkout npm run bench:embedded     the same figures for another build
 *
 * Knobs: see SETTINGS_HELP below.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMachine, loadAverage } from './lib/machine.js';
import { memoryOf, type NpmStart, npmStart, sampleRss } from './lib/npm-start.js';
import { freePort, ROOT } from './lib/processes.js';
import { formatMarkdownTable, formatTable, ms } from './lib/report.js';
import { probePostgres } from './lib/services.js';
import { median } from './lib/stats.js';
import { adminQuery } from './lib/world.js';
import { runTabletLoad, type TabletLoadResult } from './scenarios/tablet-load.js';

const SETTINGS_HELP = [
  'BENCH_ROOT (this checkout)  BENCH_REPEATS (3 starts of each kind)  BENCH_IDLE_SECONDS (20)',
  'BENCH_LOAD_SECONDS (150)  BENCH_TABLES (8)  BENCH_THINK_MS (1000)  BENCH_ORDERS_PER_PARTY (12)',
  'BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres; "off" skips the reference run)',
  'BENCH_REBUILD=0 (skip the rebuild check)',
].join('\n');

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const settings = {
  root: path.resolve(process.env.BENCH_ROOT || ROOT),
  repeats: Math.round(number('BENCH_REPEATS', 3)),
  idleSeconds: number('BENCH_IDLE_SECONDS', 20),
  loadSeconds: number('BENCH_LOAD_SECONDS', 150),
  tables: Math.round(number('BENCH_TABLES', 8)),
  thinkMs: number('BENCH_THINK_MS', 1000),
  ordersPerParty: Math.round(number('BENCH_ORDERS_PER_PARTY', 12)),
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  rebuild: process.env.BENCH_REBUILD !== '0',
};

const began = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The demo store the first start seeds in development (DESIGN §6). */
const DEMO = { storeCode: 'demo', tablePassword: '1234', staff: { username: 'admin', password: 'admin1234' } };

interface StartFigures {
  healthSeconds: number;
  /** CPU time npm and the server (and a build) had used by then: less stretched by other work. */
  cpuSeconds: number;
  /** RSS at the end of the idle window. */
  idleMb: number;
  /** Most RSS seen while idle (sampled every second). */
  idlePeakMb: number;
  npmMb: number;
}

interface LoadFigures {
  result: TabletLoadResult;
  medianMb: number;
  maxMb: number;
  /** The kernel's high-water mark of the server process (VmHWM), start-up included. */
  hwmMb: number;
  /** RSS every 2 s through the run. */
  samples: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(dataDir: string, env: Record<string, string> = {}): Promise<NpmStart> {
  return npmStart(settings.root, await freePort(), {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: process.env.EXP_NODE_OPTIONS ?? '',
    ...env,
  });
}

/** Samples the server's RSS for the idle window right after /health answered. */
async function idle(server: NpmStart): Promise<StartFigures> {
  const sampler = sampleRss(server.serverPid, 1_000);
  await sleep(settings.idleSeconds * 1000);
  const samples = sampler.stop();
  return {
    healthSeconds: server.healthSeconds,
    cpuSeconds: server.cpuSeconds,
    idleMb: samples.at(-1) ?? Number.NaN,
    idlePeakMb: Math.max(...samples),
    npmMb: memoryOf(server.npmPid).rssMb ?? Number.NaN,
  };
}

async function underLoad(server: NpmStart): Promise<LoadFigures> {
  const sampler = sampleRss(server.serverPid, 2_000);
  const result = await runTabletLoad({
    url: server.url,
    ...DEMO,
    tables: settings.tables,
    durationMs: settings.loadSeconds * 1000,
    thinkMs: settings.thinkMs,
    ordersPerParty: settings.ordersPerParty,
  });
  const samples = sampler.stop();
  return {
    result,
    medianMb: median(samples),
    maxMb: Math.max(...samples),
    hwmMb: memoryOf(server.serverPid).peakMb ?? Number.NaN,
    samples,
  };
}

/** First starts on an empty folder and restarts on the seeded one, `repeats` of each. */
async function startsAndRestarts(): Promise<{ first: StartFigures[]; restart: StartFigures[]; dataDir: string }> {
  const first: StartFigures[] = [];
  const restart: StartFigures[] = [];
  let dataDir = '';
  for (let r = 1; r <= settings.repeats; r++) {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-embedded-'));
    let server = await start(dataDir);
    first.push(await idle(server));
    await server.stop();
    log(`first start ${r}: /health in ${first.at(-1)?.healthSeconds.toFixed(1)} s, ${first.at(-1)?.idleMb} MB idle`);
    server = await start(dataDir);
    restart.push(await idle(server));
    await server.stop();
    log(`restart ${r}: /health in ${restart.at(-1)?.healthSeconds.toFixed(1)} s, ${restart.at(-1)?.idleMb} MB idle`);
  }
  return { first, restart, dataDir };
}

async function embeddedLoad(dataDir: string): Promise<LoadFigures> {
  const server = await start(dataDir);
  try {
    log(`load: ${settings.tables} tablets and one dashboard stream for ${settings.loadSeconds} s`);
    return await underLoad(server);
  } finally {
    await server.stop();
  }
}

/** The same server on PostgreSQL, for reference: first start (seed), idle, then the same load. */
async function postgresReference(): Promise<{ version: string; start: StartFigures; load: LoadFigures } | null> {
  if (settings.postgresUrl === 'off') return null;
  const version = await probePostgres(settings.postgresUrl);
  if (!version) {
    log(`PostgreSQL does not answer at ${settings.postgresUrl}: no reference run`);
    return null;
  }
  const name = `tableorder_embedded_bench_${Date.now().toString(36)}`;
  await adminQuery(settings.postgresUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(settings.postgresUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tableorder-embedded-pg-'));
  try {
    const server = await start(dataDir, { DATABASE_URL: url.toString() });
    try {
      const figures = await idle(server);
      log(`PostgreSQL: /health in ${figures.healthSeconds.toFixed(1)} s, ${figures.idleMb} MB idle; load…`);
      return { version, start: figures, load: await underLoad(server) };
    } finally {
      await server.stop();
    }
  } finally {
    await adminQuery(settings.postgresUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface RebuildCheck {
  change: string;
  rebuilt: string;
  healthSeconds: number;
  cpuSeconds: number;
  ok: boolean;
}

/**
 * In a scratch copy of the checkout (its own dist/, the same node_modules): an unchanged start
 * builds nothing, a changed server file rebuilds the server only, a changed web file the web
 * apps only.
 */
async function rebuildChecks(): Promise<RebuildCheck[]> {
  if (!existsSync(path.join(settings.root, 'scripts', 'build.mjs'))) {
    log('no scripts/build.mjs in BENCH_ROOT: its npm start builds everything every time; no rebuild check');
    return [];
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tableorder-rebuild-'));
  const dataDir = path.join(scratch, 'data');
  try {
    const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: settings.root,
      encoding: 'utf8',
    }).stdout.split('\0');
    for (const file of files.filter(Boolean)) {
      const from = path.join(settings.root, file);
      if (!existsSync(from)) continue;
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      cpSync(from, path.join(scratch, file));
    }
    cpSync(path.join(settings.root, 'dist'), path.join(scratch, 'dist'), { recursive: true });
    symlinkSync(path.join(settings.root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');

    const checks: RebuildCheck[] = [];
    const attempt = async (change: string, edit: (() => void) | null, expect: string[] | null) => {
      edit?.();
      const server = await npmStart(scratch, await freePort(), { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
      await server.stop();
      const rebuilt = ['server', 'web'].filter((name) =>
        server.output().includes(`${name}: sources changed since the last build`),
      );
      log(`${change}: rebuilt ${rebuilt.join(' + ') || 'nothing'}, /health in ${server.healthSeconds.toFixed(1)} s`);
      if (!expect) return;
      const ok = rebuilt.join(',') === expect.join(',');
      checks.push({
        change,
        rebuilt: rebuilt.join(' + ') || 'nothing',
        healthSeconds: server.healthSeconds,
        cpuSeconds: server.cpuSeconds,
        ok,
      });
    };
    const append = (file: string, text: string) => () =>
      writeFileSync(path.join(scratch, file), `${text}\n`, { flag: 'a' });
    // The copy's first start creates and seeds its database: the checks below are restarts.
    await attempt('first start of the copy', null, null);
    await attempt('nothing changed', null, []);
    await attempt('a server file changed', append('server/main.ts', '// changed by the rebuild check'), ['server']);
    await attempt('a web file changed', append('web/customer/main.tsx', '// changed by the rebuild check'), ['web']);
    await attempt('a contract file changed', append('contract/index.ts', '// changed by the rebuild check'), [
      'server',
      'web',
    ]);
    return checks;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const mb = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} MB` : '—');
const seconds = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} s` : '—');
const spreadOf = (values: number[], format: (v: number) => string) =>
  values.length > 1 ? ` (${format(Math.min(...values))}–${format(Math.max(...values))})` : '';

async function main(): Promise<void> {
  console.log(`TableOrder embedded benchmark — npm start in ${settings.root}`);
  console.log(`knobs: ${SETTINGS_HELP.replaceAll('\n', '\n       ')}`);
  const loadAtStart = loadAverage();
  const machine = describeMachine(null);
  if (existsSync(path.join(settings.root, 'scripts', 'build.mjs'))) {
    // Starts are measured on a built checkout; the rebuild check measures building.
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: settings.root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('the build failed');
  }

  const { first, restart, dataDir } = await startsAndRestarts();
  const load = await embeddedLoad(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  const reference = await postgresReference();
  const checks = settings.rebuild ? await rebuildChecks() : [];

  const headers = ['Scenario', '/health after', 'CPU used by then', 'Server RSS', 'Peak RSS', 'Notes'];
  const rows: string[][] = [];
  const startRow = (label: string, figures: StartFigures[]) => {
    const health = figures.map((f) => f.healthSeconds);
    const cpu = figures.map((f) => f.cpuSeconds);
    const idleMb = figures.map((f) => f.idleMb);
    rows.push([
      label,
      `${seconds(median(health))}${spreadOf(health, seconds)}`,
      `${seconds(median(cpu))}${spreadOf(cpu, seconds)}`,
      `${mb(median(idleMb))}${spreadOf(idleMb, mb)}`,
      mb(Math.max(...figures.map((f) => f.idlePeakMb))),
      `idle ${settings.idleSeconds} s after /health; npm's own process ${mb(median(figures.map((f) => f.npmMb)))}`,
    ]);
  };
  const loadRow = (label: string, figures: LoadFigures) => {
    const { result } = figures;
    const errors = Object.entries(result.errors)
      .map(([what, count]) => `${count}× ${what}`)
      .join(', ');
    rows.push([
      label,
      '',
      '',
      `${mb(figures.medianMb)} (median)`,
      `${mb(figures.maxMb)} (VmHWM ${mb(figures.hwmMb)})`,
      `${result.orders} orders, ${result.ordersPerSecond.toFixed(1)}/s, p50 ${ms(result.orderLatency.p50)}, p99 ${ms(result.orderLatency.p99)}; ${result.streamEvents} dashboard events${errors ? `; ${errors}` : ''}`,
    ]);
  };
  startRow(`PGlite: first start (empty DATA_DIR, demo seed), ×${first.length}`, first);
  startRow(`PGlite: restart (built, seeded), ×${restart.length}`, restart);
  loadRow(`PGlite: ${settings.tables} tablets + 1 dashboard, ${settings.loadSeconds} s`, load);
  if (reference) {
    startRow(`${reference.version}: first start (reference)`, [reference.start]);
    loadRow(`${reference.version}: same load (reference)`, reference.load);
  }
  for (const check of checks) {
    rows.push([
      `npm start, ${check.change}`,
      seconds(check.healthSeconds),
      seconds(check.cpuSeconds),
      '',
      '',
      `rebuilt ${check.rebuilt} ${check.ok ? '✓' : '✗ (not what changed)'}`,
    ]);
  }

  const minutes = ((performance.now() - began) / 60_000).toFixed(1);
  const notes = [
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; Node ${machine.node}; commit ${machine.commit}${settings.root === ROOT ? '' : ` (run against ${settings.root})`}`,
    `- Load average ${loadAtStart} at the start and ${loadAverage()} at the end (the machine is shared); ${minutes} min`,
    `- Tablets order every ${settings.thinkMs} ms (0.5–1.5×); the kitchen moves every order to preparing and completed; a party leaves after ${settings.ordersPerParty} orders`,
  ];
  console.log('');
  console.log(formatTable(headers, rows));
  console.log('');
  for (const line of notes) console.log(line);
  console.log('');
  console.log(formatMarkdownTable(headers, rows));

  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const raw = path.join(dir, `embedded-${machine.date.replaceAll(':', '-')}.json`);
  writeFileSync(raw, JSON.stringify({ machine, settings, first, restart, load, reference, checks }, null, 2));
  console.log(`raw figures: ${raw}`);
  const failed = checks.filter((check) => !check.ok);
  if (failed.length > 0) {
    console.error(`rebuild check failed: ${failed.map((check) => check.change).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
