import pg from 'pg';

/** Average number of a database's backends in each state over a window. */
export type WaitShares = Record<string, number>;

/**
 * Samples pg_stat_activity for one database every `everyMs` until stopped: how many of its
 * backends, on average, were running, waiting for a row lock held by another transaction, for
 * the WAL to reach the disk at commit, for something else, or idle in a transaction. Where a
 * backend's wall-clock time goes, beside the CPU time /proc gives.
 */
export async function sampleWaits(
  postgres: { adminUrl: string; database: string },
  everyMs = 50,
): Promise<{ stop(): Promise<WaitShares> }> {
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string | null; type: string | null; event: string | null }>(
        `SELECT state, wait_event_type AS type, wait_event AS event FROM pg_stat_activity
          WHERE datname = $1 AND backend_type = 'client backend'`,
        [postgres.database],
      );
      samples += 1;
      for (const row of rows) {
        const key = kindOf(row);
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return Object.fromEntries([...counts].map(([key, n]) => [key, n / Math.max(1, samples)]));
    },
  };
}

function kindOf(row: { state: string | null; type: string | null; event: string | null }): string | null {
  if (row.state === 'idle in transaction') return 'idle in transaction';
  if (row.state !== 'active') return null;
  if (!row.type) return 'running';
  if (row.type === 'Lock') return 'row or table lock';
  if (row.event === 'WALSync' || row.event === 'WALWrite' || row.event === 'WALInsert') return 'WAL (commit flush)';
  if (row.type === 'Client') return 'running';
  return `other (${row.type})`;
}
