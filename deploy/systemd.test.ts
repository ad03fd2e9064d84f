import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const UNIT_PATH = path.join(DEPLOY_DIR, 'systemd', 'tableorder.service');
const unitText = readFileSync(UNIT_PATH, 'utf8');

/** Sections of a unit file, each key with every value it is given (keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section?.[1]) {
      current = new Map();
      sections.set(section[1], current);
      continue;
    }
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!pair?.[1] || !current) throw new Error(`not a unit file line: ${line}`);
    current.set(pair[1], [...(current.get(pair[1]) ?? []), pair[2] ?? '']);
  }
  return sections;
}

const unit = parseUnit(unitText);
const service = unit.get('Service') ?? new Map<string, string[]>();
const last = (key: string) => service.get(key)?.at(-1);

const systemdAnalyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();

describe('systemd unit', () => {
  it('has the Unit, Service and Install sections', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
    expect(unit.get('Unit')?.get('After')?.join(' ')).toContain('network-online.target');
  });

  it('runs the built server as an unprivileged user, restarting it whatever happens', () => {
    expect(last('User')).toBe('tableorder');
    expect(last('Group')).toBe('tableorder');
    expect(last('Restart')).toBe('always');
    expect(last('ExecStart')).toMatch(/^\/usr\/bin\/node --enable-source-maps dist\/server\/main\.js$/);
    expect(last('WorkingDirectory')).toBe('/opt/tableorder/current');
    expect(last('EnvironmentFile')).toBe('/etc/tableorder/tableorder.env');
    expect(service.get('Environment')?.join(' ')).toContain('ENVIRONMENT=production');
  });

  it('gives the app a stop timeout longer than its own 10 s drain', () => {
    expect(Number.parseInt(last('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(10);
    expect(last('KillSignal')).toBe('SIGTERM');
  });

  it('is hardened: no new privileges, read-only system, writable only in its own folders', () => {
    expect(last('NoNewPrivileges')).toBe('true');
    expect(last('ProtectSystem')).toBe('strict');
    expect(last('ProtectHome')).toBe('true');
    expect(last('PrivateTmp')).toBe('true');
    expect(last('CapabilityBoundingSet')).toBe('');
    expect(last('StateDirectory')).toBe('tableorder');
    expect(last('LogsDirectory')).toBe('tableorder');
    // V8 compiles code at run time; this option would kill the process on start.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('keeps DATA_DIR and LOG_FILE inside the folders systemd makes writable', () => {
    const env = Object.fromEntries(
      (service.get('Environment') ?? []).flatMap((line) => line.split(/\s+/).map((pair) => pair.split('=', 2))),
    ) as Record<string, string>;
    expect(env.DATA_DIR).toBe(`/var/lib/${last('StateDirectory')}`);
    expect(path.dirname(env.LOG_FILE ?? '')).toBe(`/var/log/${last('LogsDirectory')}`);
    expect(env.HOST).toBe('127.0.0.1');
  });

  it.skipIf(!systemdAnalyze)('passes `systemd-analyze verify` without a warning', () => {
    // verify also checks that ExecStart's binary exists: point it at this machine's node.
    const dir = mkdtempSync(path.join(tmpdir(), 'tableorder-unit-'));
    try {
      const copy = path.join(dir, 'tableorder.service');
      writeFileSync(copy, unitText.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`));
      const checked = spawnSync(systemdAnalyze, ['verify', copy], { encoding: 'utf8' });
      expect(checked.status).toBe(0);
      expect(checked.stderr).toBe('');
      expect(checked.stdout).toBe('');

      // Unknown or bad values are only warnings (exit code 0): the output is what tells.

      writeFileSync(copy, unitText.replace(/^Restart=always$/m, 'Restart=whenever'));
      expect(spawnSync(systemdAnalyze, ['verify', copy], { encoding: 'utf8' }).stderr).toContain('whenever');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
