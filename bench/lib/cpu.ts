import { readFileSync } from 'node:fs';
import pg from 'pg';

/** CPU time (user + system) a process has used so far, ms; null when /proc does not have it. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

export interface CpuSplit {
  /** The server process(es). */
  server: number;
  /** The PostgreSQL backends serving the benchmark's database (0 on PGlite, which runs inside the server). */
  postgres: number;
  /** This process: the load generator. */
  client: number;
}

/**
 * Where CPU time went during a window: the server, its PostgreSQL backends (found by database
 * name in pg_stat_activity) and the load generator.
 */
export class CpuMeter {
  private start: { server: Map<number, number>; postgres: Map<number, number>; client: number } | null = null;

  constructor(
    private readonly serverPids: number[],
    private readonly postgres: { adminUrl: string; database: string } | null,
  ) {}

  async begin(): Promise<void> {
    this.start = {
      server: snapshot(this.serverPids),
      postgres: snapshot(await this.backendPids()),
      client: clientMs(),
    };
  }

  async end(): Promise<CpuSplit> {
    const start = this.start;
    if (!start) throw new Error('CpuMeter.end before begin');
    const delta = (before: Map<number, number>, after: Map<number, number>) =>
      [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
    return {
      server: delta(start.server, snapshot(this.serverPids)),
      postgres: delta(start.postgres, snapshot(await this.backendPids())),
      client: clientMs() - start.client,
    };
  }

  private async backendPids(): Promise<number[]> {
    if (!this.postgres) return [];
    const client = new pg.Client({ connectionString: this.postgres.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
        this.postgres.database,
      ]);
      return rows.map((row) => row.pid);
    } finally {
      await client.end();
    }
  }
}

function snapshot(pids: number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuMsOf(pid);
    if (ms !== null) map.set(pid, ms);
  }
  return map;
}

function clientMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
