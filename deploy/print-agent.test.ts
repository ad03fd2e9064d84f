import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../print-agent/config.js';

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const read = (...parts: string[]) => readFileSync(path.join(DEPLOY_DIR, ...parts), 'utf8');
const unitText = read('systemd', 'tableorder-print-agent.service');
const envExample = read('print-agent', 'print-agent.env.example');
const cmdText = read('print-agent', 'print-agent.cmd');

/** The KEY=value lines of an env file, comments left out. */
const settings = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );

const systemdAnalyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();

describe('running the print agent', () => {
  it('the example settings are complete: the agent starts from them as they are', () => {
    const config = loadAgentConfig(settings(envExample));
    expect(config).toMatchObject({ url: 'https://order.example.com', storeCode: 'demo', columns: 42 });
    expect(config.stateFile).toBe('./data/print-agent.json');
    // Every variable the agent reads is documented in the example.
    for (const name of ['TABLEORDER_URL', 'PRINT_AGENT_STORE', 'PRINT_AGENT_USERNAME', 'PRINT_AGENT_PASSWORD']) {
      expect(envExample).toContain(`${name}=`);
    }
    expect(envExample).toContain('PRINT_AGENT_STATE_FILE');
  });

  it('the systemd unit runs the built agent as an unprivileged user, with its state kept across restarts', () => {
    expect(unitText).toMatch(/^ExecStart=\/usr\/bin\/node --enable-source-maps dist\/print-agent\/main\.js$/m);
    expect(unitText).toMatch(/^User=tableorder$/m);
    expect(unitText).toMatch(/^Restart=always$/m);
    expect(unitText).toMatch(/^StateDirectory=tableorder-print-agent$/m);
    expect(unitText).toMatch(/^Environment=PRINT_AGENT_STATE_FILE=\/var\/lib\/tableorder-print-agent\//m);
    expect(unitText).toMatch(/^EnvironmentFile=\/etc\/tableorder\/print-agent\.env$/m);
  });

  it('the Windows script reads the same settings file and restarts the agent when it stops', () => {
    expect(cmdText).toContain('print-agent.env');
    expect(cmdText).toContain('node --import tsx print-agent\\main.ts');
    expect(cmdText).toMatch(/goto run/);
    expect(cmdText).toContain('set "PRINT_AGENT_STATE_FILE=%HERE%print-agent.json"');
    // cmd.exe reads labels and `goto` reliably only with CRLF line ends.
    expect(
      cmdText
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
  });

  it.skipIf(!systemdAnalyze)('the unit passes `systemd-analyze verify` without a warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'print-agent-unit-'));
    try {
      const copy = path.join(dir, 'tableorder-print-agent.service');
      writeFileSync(copy, unitText.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`));
      const checked = spawnSync(systemdAnalyze, ['verify', copy], { encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
