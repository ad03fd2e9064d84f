import net from 'node:net';
import pg from 'pg';

/** PostgreSQL's version string when it answers within a few seconds, else null. */
export async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>(
      "SELECT 'PostgreSQL ' || current_setting('server_version') AS version",
    );
    return rows[0]?.version ?? 'PostgreSQL';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** True when Redis answers PING within a few seconds. */
export function probeRedis(url: string): Promise<boolean> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      if (target.password) socket.write(`AUTH ${decodeURIComponent(target.password)}\r\n`);
      socket.write('PING\r\n');
    });
    socket.on('data', (data) => {
      if (data.toString().includes('+PONG')) done(true);
      else if (data.toString().startsWith('-')) done(false);
    });
  });
}
