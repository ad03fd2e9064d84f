import { spawn } from 'node:child_process';
import { freePort } from './processes.js';
import { probeRedis } from './services.js';

export interface PrivateRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A Redis of its own (`redis-server` on a free port, nothing saved to disk), or null when there is
 * no redis-server. The servers publish every event on one channel: two builds sharing a Redis
 * would each receive and handle the other's events.
 */
export async function startPrivateRedis(): Promise<PrivateRedis | null> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    child.once('spawn', () => resolve(false));
  });
  if (failed || !child.pid) return null;
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 50; i++) {
    if (await probeRedis(url)) return { url, pid: child.pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  return null;
}
