import { describeMachine, loadAverage } from './lib/machine.js';
import { machineLines, markdownTable, type Row, saveRaw, textTable, writeLatestRun } from './lib/report.js';
import { ensureServerBuilt, startHello } from './lib/servers.js';
import { probePostgres, probeRedis } from './lib/services.js';
import { loadSettings, SETTINGS_HELP, type Settings } from './lib/settings.js';
import { cleanUpAll, type Engine, pgliteEngine, postgresEngine } from './lib/world.js';
import { cpuNotes, engineRows, limitRows } from './rows.js';
import { runHello } from './scenarios/http-reads.js';
import { findPgbench, preparePgbench, requestedCheckpoints } from './scenarios/limits.js';
import { type EngineResult, type LimitProbes, runEngine } from './suite.js';

/** The server's default DATABASE_POOL_SIZE: pgbench gets as many connections as the app has. */
const POOL_SIZE = 10;

const began = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  const settings = loadSettings();
  const loadAtStart = loadAverage();
  const postgresVersion = await probePostgres(settings.databaseUrl);
  const redis = postgresVersion ? await probeRedis(settings.redisUrl) : false;
  const full = postgresVersion !== null && redis;
  const mode = full
    ? 'full: PostgreSQL + Redis, and embedded PGlite for reference'
    : `reduced, embedded PGlite only: ${postgresVersion ? 'Redis' : 'PostgreSQL'} does not answer at ${postgresVersion ? settings.redisUrl : settings.databaseUrl}`;
  console.log(`TableOrder benchmarks — mode ${mode}`);
  console.log(`knobs: ${SETTINGS_HELP.replaceAll('\n', '\n       ')}`);
  const engines = settings.engines ?? (full ? ['postgres', 'pglite'] : ['pglite']);
  if (engines.includes('postgres') && !full)
    throw new Error('BENCH_ENGINES asks for postgres, but PostgreSQL or Redis does not answer');

  ensureServerBuilt();
  const machine = describeMachine(postgresVersion);
  const checkpointsAtStart = full ? await requestedCheckpoints(settings.databaseUrl) : 0;

  const hello = await startHello();
  const pgbenchBinary = full ? await findPgbench() : null;
  if (full && !pgbenchBinary) log('pgbench not found (Debian: postgresql-contrib): the PostgreSQL limits are left out');
  const pgbench = pgbenchBinary ? await preparePgbench(pgbenchBinary, settings.databaseUrl) : null;
  const probes: LimitProbes = {
    helloUrl: hello.url,
    pgbench: pgbench ? Object.assign(pgbench, { clients: POOL_SIZE }) : null,
  };

  const results: EngineResult[] = [];
  try {
    await runHello(hello.url, 2);
    for (const kind of engines) {
      const engine: Engine =
        kind === 'postgres' ? await postgresEngine(settings.databaseUrl, settings.redisUrl) : pgliteEngine();
      try {
        results.push(await runEngine(engine, settings, probes, log));
      } finally {
        await engine.dispose();
      }
    }
  } finally {
    await hello.stop();
    await pgbench?.dispose();
  }

  const rows: Row[] = [...limitRows(results), ...results.flatMap((result) => engineRows(result, settings))];
  const minutes = (performance.now() - began) / 60_000;
  const loadAtEnd = loadAverage();
  const checkpoints = full ? (await requestedCheckpoints(settings.databaseUrl)) - checkpointsAtStart : null;
  console.log('');
  console.log(textTable(rows));
  console.log('');
  const notes = [...runNotes(results, settings), ...results.flatMap((result) => cpuNotes(result, machine.cores))];
  if (checkpoints !== null) {
    notes.push(
      `- PostgreSQL was asked for ${checkpoints} checkpoints during the run (each CREATE or DROP DATABASE, ours and other users', forces one); after each, the first change to every page goes to the WAL whole, which makes commits slower.`,
    );
  }
  for (const line of [...machineLines(machine), ...notes]) console.log(line);
  console.log(
    `- Mode ${mode}; ${minutes.toFixed(1)} min; load average ${loadAtStart} at the start, ${loadAtEnd} at the end`,
  );

  const raw = saveRaw(machine, { settings, mode, results, loadAtStart, loadAtEnd, minutes, checkpoints });
  console.log(`raw figures: ${raw}`);
  if (settings.writeDocs) {
    const section = [
      '## Latest run',
      '',
      ...machineLines(machine),
      `- Mode: ${mode}`,
      `- ${settings.repeats} repeats of every scenario (orders and fan-out windows ${settings.seconds} s, reads and pgbench ${settings.readSeconds} s), run took ${minutes.toFixed(1)} min`,
      `- 1-minute load average ${loadAtStart} at the start and ${loadAtEnd} at the end: the machine is shared, other work ran beside the benchmark`,
      '',
      markdownTable(rows),
      '',
      'Figures are medians over the repeats, with the slowest and fastest repeat in brackets. Latency',
      'percentiles are the median of each repeat\'s percentile; "max" is the largest seen in any repeat.',
      '',
      ...notes,
    ].join('\n');
    console.log(`written to ${writeLatestRun(section)}`);
  }
}

function runNotes(results: EngineResult[], settings: Settings): string[] {
  const notes: string[] = [];
  for (const result of results) {
    for (const fanout of result.fanout) {
      const deliveries = fanout.flows.reduce((sum, f) => sum + f.delivery.count, 0);
      const early = fanout.flows.reduce((sum, f) => sum + f.beforeAck, 0);
      notes.push(
        `- ${result.engine}, ${fanout.replicas} replica(s): ${fanout.streams} streams opened in ${fanout.openSeconds.toFixed(1)} s; RSS of the largest replica ${fanout.rssBeforeMb} MB before them, ${fanout.rssIdleMb} MB with them open, ${fanout.rssPeakMb} MB at the peak; ${early} of ${deliveries} deliveries arrived before the 201 did (counted as 0 ms).`,
      );
    }
    const v = result.verification;
    if (v.unanswered > 0) notes.push(`- ${result.engine}: ${v.unanswered} order requests got no answer.`);
  }
  notes.push(
    `- Orders: a closed loop of ${settings.concurrency} tablets, each with a new Idempotency-Key per order; fan-out orders arrive open-loop at ${settings.flowRate}/s from random tables of all stores.`,
  );
  return notes;
}

// Servers get the terminal's Ctrl-C too and shut down by themselves; drop the databases.
process.once('SIGINT', () => {
  console.log('interrupted: dropping the benchmark databases');
  void cleanUpAll().finally(() => process.exit(130));
});

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
