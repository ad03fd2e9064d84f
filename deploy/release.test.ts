import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// activate-release.sh in a sandbox: releases in a temporary APP_ROOT, and `systemctl` and `curl`
// replaced by stubs. The curl stub answers "healthy" when the live release has a HEALTHY file.

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scripts', 'activate-release.sh');

let root: string;
let appRoot: string;

interface ReleaseOptions {
  healthy?: boolean;
  assets?: string[];
  ageDays?: number;
  /** Ship an nginx configuration; `broken` makes the nginx stub reject it. */
  nginx?: 'valid' | 'broken';
}

function makeRelease(name: string, options: ReleaseOptions = {}) {
  const dir = path.join(appRoot, 'releases', name);
  mkdirSync(path.join(dir, 'dist', 'server'), { recursive: true });
  mkdirSync(path.join(dir, 'dist', 'web', 'assets'), { recursive: true });
  mkdirSync(path.join(dir, 'deploy', 'systemd'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'server', 'main.js'), `// ${name}\n`);
  writeFileSync(path.join(dir, 'deploy', 'systemd', 'tableorder.service'), `[Service]\n# ${name}\n`);
  writeFileSync(path.join(dir, 'deploy', 'systemd', 'tableorder.logrotate'), `# ${name}\n`);
  writeFileSync(path.join(dir, 'deploy', 'systemd', 'tableorder-health.service'), `[Service]\n# ${name} health\n`);
  writeFileSync(path.join(dir, 'deploy', 'systemd', 'tableorder-health.timer'), `[Timer]\n# ${name} health\n`);
  if (options.healthy !== false) writeFileSync(path.join(dir, 'HEALTHY'), '');
  if (options.nginx) {
    const nginx = path.join(dir, 'deploy', 'nginx');
    mkdirSync(path.join(nginx, 'conf.d'), { recursive: true });
    mkdirSync(path.join(nginx, 'snippets'), { recursive: true });
    mkdirSync(path.join(nginx, 'upstream.d'), { recursive: true });
    writeFileSync(path.join(nginx, 'nginx.conf'), `# ${name} ${options.nginx === 'broken' ? 'BROKEN' : ''}\n`);
    writeFileSync(path.join(nginx, 'conf.d', 'tableorder.conf'), `# ${name} server\n`);
    writeFileSync(path.join(nginx, 'snippets', 'tableorder-app.conf'), `# ${name} app\n`);
    writeFileSync(path.join(nginx, 'upstream.d', 'tableorder.conf'), 'server app-1:8000;\n');
    writeFileSync(path.join(nginx, 'upstream.single-server.conf'), 'server 127.0.0.1:8000;\n');
  }
  for (const asset of options.assets ?? []) {
    const file = path.join(dir, 'dist', 'web', 'assets', asset);
    writeFileSync(file, `${name} ${asset}`);
    if (options.ageDays) {
      const when = new Date(Date.now() - options.ageDays * 86_400_000);
      utimesSync(file, when, when);
    }
  }
  return dir;
}

function activate(...args: string[]) {
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${path.join(root, 'bin')}:${process.env.PATH}`,
      APP_ROOT: appRoot,
      SYSTEMD_DIR: path.join(root, 'systemd'),
      LOGROTATE_DIR: path.join(root, 'logrotate'),
      NGINX_DIR: path.join(root, 'nginx'),
      MONITORING_ENV: path.join(root, 'monitoring.env'),
      HEALTH_TIMEOUT_SECONDS: '2',
      KEEP_RELEASES: '3',
      STUB_LOG: path.join(root, 'calls.log'),
    },
  });
  return { status: result.status, stderr: result.stderr };
}

const live = () => readlinkSync(path.join(appRoot, 'current'));
const calls = () => readFileSync(path.join(root, 'calls.log'), 'utf8').trim().split('\n');

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tableorder-activate-'));
  appRoot = path.join(root, 'opt');
  mkdirSync(path.join(appRoot, 'releases'), { recursive: true });
  mkdirSync(path.join(root, 'systemd'));
  mkdirSync(path.join(root, 'logrotate'));
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'nginx'));
  writeFileSync(path.join(root, 'nginx', 'nginx.conf'), '# installed before\n');
  writeFileSync(path.join(root, 'bin', 'systemctl'), '#!/bin/sh\necho "systemctl $*" >> "$STUB_LOG"\n');
  writeFileSync(
    path.join(root, 'bin', 'curl'),
    '#!/bin/sh\necho "curl" >> "$STUB_LOG"\n[ -e "$APP_ROOT/current/HEALTHY" ]\n',
  );
  writeFileSync(
    path.join(root, 'bin', 'nginx'),
    '#!/bin/sh\necho "nginx $*" >> "$STUB_LOG"\n! grep -q BROKEN "$NGINX_DIR/nginx.conf"\n',
  );
  chmodSync(path.join(root, 'bin', 'nginx'), 0o755);
  chmodSync(path.join(root, 'bin', 'systemctl'), 0o755);
  chmodSync(path.join(root, 'bin', 'curl'), 0o755);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('activate-release.sh', () => {
  it('activates the first release, installing the unit and the logrotate rule', () => {
    const r1 = makeRelease('r1');
    const result = activate('r1');
    expect(result.status, result.stderr).toBe(0);
    expect(live()).toBe(r1);
    expect(readFileSync(path.join(root, 'systemd', 'tableorder.service'), 'utf8')).toContain('# r1');
    expect(readFileSync(path.join(root, 'logrotate', 'tableorder'), 'utf8')).toContain('# r1');
    expect(calls()).toEqual([
      'systemctl daemon-reload',
      'systemctl enable tableorder',
      'systemctl restart tableorder',
      'curl',
    ]);
    expect(existsSync(path.join(appRoot, 'previous'))).toBe(false);
  });

  it('installs and starts the health reporter where first boot configured CloudWatch, once per change', () => {
    writeFileSync(path.join(root, 'monitoring.env'), 'METRIC_NAMESPACE=TableOrder/production\n');
    makeRelease('r1');
    expect(activate('r1').status).toBe(0);
    expect(readFileSync(path.join(root, 'systemd', 'tableorder-health.timer'), 'utf8')).toContain('# r1 health');
    expect(calls()).toContain('systemctl enable --now tableorder-health.timer');
    writeFileSync(path.join(root, 'calls.log'), '');
    makeRelease('r2');
    writeFileSync(
      path.join(appRoot, 'releases', 'r2', 'deploy', 'systemd', 'tableorder-health.timer'),
      '[Timer]\n# r1 health\n',
    );
    writeFileSync(
      path.join(appRoot, 'releases', 'r2', 'deploy', 'systemd', 'tableorder-health.service'),
      '[Service]\n# r1 health\n',
    );
    expect(activate('r2').status).toBe(0);
    expect(calls()).not.toContain('systemctl enable --now tableorder-health.timer');
  });

  it('leaves the health reporter out where CloudWatch is not configured', () => {
    makeRelease('r1');
    expect(activate('r1').status).toBe(0);
    expect(existsSync(path.join(root, 'systemd', 'tableorder-health.timer'))).toBe(false);
  });

  it('switches to a healthy release, remembers the previous one and keeps its recent assets', () => {
    makeRelease('r1', { assets: ['old-recent.js'] });
    const r1 = path.join(appRoot, 'releases', 'r1');
    writeFileSync(path.join(r1, 'dist', 'web', 'assets', 'ancient.js'), 'ancient');
    const ancient = new Date(Date.now() - 30 * 86_400_000);
    utimesSync(path.join(r1, 'dist', 'web', 'assets', 'ancient.js'), ancient, ancient);
    const r2 = makeRelease('r2', { assets: ['new.js'] });
    expect(activate('r1').status).toBe(0);

    const result = activate('r2');
    expect(result.status, result.stderr).toBe(0);
    expect(live()).toBe(r2);
    expect(readFileSync(path.join(appRoot, 'previous'), 'utf8').trim()).toBe(r1);
    expect(readdirSync(path.join(r2, 'dist', 'web', 'assets')).sort()).toEqual(['new.js', 'old-recent.js']);
    expect(readFileSync(path.join(r2, 'dist', 'web', 'assets', 'new.js'), 'utf8')).toBe('r2 new.js');
  });

  it('goes back to the previous release when the new one does not become healthy', () => {
    const r1 = makeRelease('r1');
    makeRelease('r2', { healthy: false });
    expect(activate('r1').status).toBe(0);

    const result = activate('r2');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('going back');
    expect(live()).toBe(r1);
    expect(calls().filter((c) => c === 'systemctl restart tableorder')).toHaveLength(3);
    expect(existsSync(path.join(appRoot, 'previous'))).toBe(false);
  });

  it('rolls back to the previous release on request, and forward again', () => {
    const r1 = makeRelease('r1');
    const r2 = makeRelease('r2');
    activate('r1');
    activate('r2');

    expect(activate('--previous').status).toBe(0);
    expect(live()).toBe(r1);
    expect(activate('--previous').status).toBe(0);
    expect(live()).toBe(r2);
  });

  it('refuses what is not an unpacked release, and the release already live', () => {
    makeRelease('r1');
    expect(activate('nope').stderr).toContain('not an unpacked release');
    expect(activate('--previous').stderr).toContain('no previous release');
    activate('r1');
    const again = activate('r1');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already the active release');
  });

  it('keeps only the newest releases, never the live or the previous one', () => {
    for (const [i, name] of ['r1', 'r2', 'r3', 'r4', 'r5'].entries()) {
      const dir = makeRelease(name);
      const when = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(dir, when, when);
    }
    // r1 live, then r5: r1 becomes previous although it is the oldest.
    activate('r1');
    expect(activate('r5').status).toBe(0);
    expect(readdirSync(path.join(appRoot, 'releases')).sort()).toEqual(['r1', 'r3', 'r4', 'r5']);
  });

  it('installs the nginx configuration of the release for one server, tests it, and reloads nginx once the app is healthy', () => {
    makeRelease('r1', { nginx: 'valid' });
    const result = activate('r1');
    expect(result.status, result.stderr).toBe(0);
    const nginx = path.join(root, 'nginx');
    expect(readFileSync(path.join(nginx, 'nginx.conf'), 'utf8')).toContain('# r1');
    expect(readFileSync(path.join(nginx, 'conf.d', 'tableorder.conf'), 'utf8')).toContain('# r1 server');
    expect(readFileSync(path.join(nginx, 'snippets', 'tableorder-app.conf'), 'utf8')).toContain('# r1 app');
    expect(readFileSync(path.join(nginx, 'upstream.d', 'tableorder.conf'), 'utf8')).toBe('server 127.0.0.1:8000;\n');
    const log = calls();
    expect(log.indexOf('nginx -t -q')).toBeLessThan(log.indexOf('systemctl restart tableorder'));
    expect(log.at(-1)).toBe('systemctl reload nginx');
  });

  it('changes nothing when nginx rejects the configuration of the release', () => {
    const r1 = makeRelease('r1');
    makeRelease('r2', { nginx: 'broken' });
    activate('r1');

    const result = activate('r2');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nginx rejects');
    expect(live()).toBe(r1);
    expect(readdirSync(path.join(root, 'nginx'))).toEqual(['nginx.conf']);
    expect(readFileSync(path.join(root, 'nginx', 'nginx.conf'), 'utf8')).toBe('# installed before\n');
    expect(calls().filter((c) => c === 'systemctl restart tableorder')).toHaveLength(1);
  });

  it('puts the previous nginx configuration back with the previous release', () => {
    makeRelease('r1');
    makeRelease('r2', { healthy: false, nginx: 'valid' });
    activate('r1');

    expect(activate('r2').status).toBe(1);
    expect(readdirSync(path.join(root, 'nginx'))).toEqual(['nginx.conf']);
    expect(readFileSync(path.join(root, 'nginx', 'nginx.conf'), 'utf8')).toBe('# installed before\n');
    expect(calls()).not.toContain('systemctl reload nginx');
  });
});
