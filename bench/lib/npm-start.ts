import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rssMbOf } from './processes.js';

/** `npm start` running in a checkout, as a restaurant runs it. */
export interface NpmStart {
  url: string;
  /** Seconds from spawning `npm start` to the first 200 from /health. */
  healthSeconds: number;
  /**
   * CPU seconds npm and the server had used by then (user + system, their children's included
   * once they ended, as a build's are): on a shared machine the wall time stretches with the
   * load average, this much less.
   */
  cpuSeconds: number;
  /** The Node process serving HTTP (npm's child), whose memory is the server's. */
  serverPid: number;
  /** npm's own process, which waits beside the server for as long as it runs. */
  npmPid: number;
  /** Everything the processes printed (the build's lines, the sign-in help, the logs). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` in `root` with `env` on top of a minimal environment, and waits for /health.
 * npm starts in a process group of its own, so stopping it stops the server too.
 */
export async function npmStart(root: string, port: number, env: Record<string, string>): Promise<NpmStart> {
  const began = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child, exited);
  try {
    await waitForHealth(url, child, 300_000);
  } catch (err) {
    await stop();
    throw new Error(`npm start in ${root} did not answer /health: ${(err as Error).message}\n${output.slice(-3000)}`);
  }
  const healthSeconds = (performance.now() - began) / 1000;
  const npmPid = child.pid ?? -1;
  const tree = processTree(npmPid);
  const serverPid = tree.findLast((pid) => commandOf(pid) === 'node') ?? npmPid;
  const cpuSeconds = tree.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  return { url, healthSeconds, cpuSeconds, serverPid, npmPid, output: () => output, stop };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no 200 within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** `pid` and every process under it, parents before children (npm → sh → node). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(Number(entry));
    if (stat) children.set(Number(stat[1]), [...(children.get(Number(stat[1])) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (parent: number) => {
    tree.push(parent);
    for (const kid of children.get(parent) ?? []) visit(kid);
  };
  visit(pid);
  return tree;
}

/** The fields of /proc/<pid>/stat after the command name (state first), or null when it is gone. */
function statFields(pid: number): string[] | null {
  try {
    // The command name sits in parentheses and may hold spaces: the fields follow the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime + cutime + cstime, in seconds (the kernel counts 100 ticks a second). */
function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) / 100;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** VmRSS now and VmHWM (the most it ever held) of a process, in MB. */
export function memoryOf(pid: number): { rssMb: number | null; peakMb: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (key: string) => {
      const kb = new RegExp(`${key}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
      return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
    };
    return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
  } catch {
    return { rssMb: rssMbOf(pid), peakMb: null };
  }
}

/** Samples a process's RSS every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs: number): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const { rssMb } = memoryOf(pid);
    if (rssMb !== null) samples.push(rssMb);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
