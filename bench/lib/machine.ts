import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  postgres: string | null;
  commit: string;
  /** Uncommitted changes outside the benchmark's own files, which the figures then include. */
  dirty: boolean;
  date: string;
}

export function describeMachine(postgresVersion: string | null): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres: postgresVersion,
    commit: git(['rev-parse', '--short=10', 'HEAD']) ?? 'unknown',
    dirty: (git(['status', '--porcelain', '--', 'server', 'contract']) ?? '') !== '',
    date: new Date().toISOString(),
  };
}

/** The 1-minute load average: how busy the machine was with other work when the run started. */
export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
