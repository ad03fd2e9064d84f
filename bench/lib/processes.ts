import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export { freePort } from '../../test/net.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningProcess {
  label: string;
  url: string;
  pid: number;
  /** Resident memory in MB, read from /proc (null where there is none). */
  rssMb(): number | null;
  /** Asks the process to shut down (SIGTERM) and waits; kills it after the grace period. */
  stop(): Promise<void>;
  /** The last lines it wrote to stderr/stdout, for error messages. */
  output(): string;
}

export function rssMbOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * Starts a Node program as its own process (so the load generator never shares its event loop)
 * and waits until `readyPath` answers 200.
 */
export async function startProcess(options: {
  label: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  nodeFlags?: string[];
  /** Every complete line the process writes to stdout or stderr. */
  onLine?: ((line: string) => void) | undefined;
}): Promise<RunningProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...options.args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    const written = complete.filter(Boolean);
    lines.push(...written);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
    if (options.onLine) for (const line of written) options.onLine(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const running: RunningProcess = {
    label: options.label,
    url,
    pid: child.pid ?? -1,
    rssMb: () => (child.pid ? rssMbOf(child.pid) : null),
    stop: () => stopChild(child, exited),
    output: () => lines.join('\n'),
  };
  try {
    await waitUntilReady(`${url}${options.readyPath}`, exited, 90_000);
  } catch (err) {
    await running.stop();
    throw new Error(`${options.label} did not start: ${(err as Error).message}\n${running.output()}`);
  }
  return running;
}

async function waitUntilReady(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => {
    gone = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`exited with code ${gone}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
