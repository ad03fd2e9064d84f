import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStale, inputsHash, TARGETS } from './build.mjs';

// A checkout in miniature: the builds are stubbed (they only leave their outputs), the stamps and
// the freshness check are the real ones.
let root: string;
let built: string[];

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const stubBuild = (name: keyof typeof TARGETS, at: string) => {
  built.push(name);
  for (const output of TARGETS[name].outputs) {
    mkdirSync(path.dirname(path.join(at, output)), { recursive: true });
    writeFileSync(path.join(at, output), `built ${name}`);
  }
};
const start = () => {
  built = [];
  return buildStale(['server', 'web'], { root, run: stubBuild, log: () => {} });
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tableorder-build-'));
  write('server/main.ts', 'export const main = 1;\n');
  write('server/main.test.ts', 'test\n');
  write('server/db/migrations/0000_init.sql', 'CREATE TABLE t ();\n');
  write('server/modules/bootstrap/assets/dish.jpg', 'jpeg');
  write('contract/index.ts', 'export const contract = 1;\n');
  write('web/index.html', '<div id="root"></div>\n');
  write('web/customer/main.tsx', 'export {};\n');
  write('web/customer/lib/cart.test.ts', 'test\n');
  write('tsconfig.json', '{}\n');
  write('tsconfig.base.json', '{}\n');
  write('tsconfig.server.json', '{}\n');
  write('package-lock.json', '{}\n');
  expect(start()).toEqual(['server', 'web']);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm start builds what changed since the last build', () => {
  it('builds nothing on an unchanged checkout', () => {
    expect(start()).toEqual([]);
  });

  it('rebuilds the server alone after a server file changed', () => {
    write('server/main.ts', 'export const main = 2;\n');
    expect(start()).toEqual(['server']);
    expect(start()).toEqual([]);
  });

  it('rebuilds the web apps alone after a web file changed', () => {
    write('web/customer/main.tsx', 'export const changed = true;\n');
    expect(start()).toEqual(['web']);
  });

  it('rebuilds both after a contract file changed (both import it)', () => {
    write('contract/index.ts', 'export const contract = 2;\n');
    expect(start()).toEqual(['server', 'web']);
  });

  it('rebuilds both after the lockfile changed, the server alone after its tsconfig did', () => {
    write('package-lock.json', '{"lockfileVersion":3}\n');
    expect(start()).toEqual(['server', 'web']);
    write('tsconfig.server.json', '{"compilerOptions":{}}\n');
    expect(start()).toEqual(['server']);
  });

  it('notices added and deleted source files', () => {
    write('server/extra.ts', 'export {};\n');
    expect(start()).toEqual(['server']);
    rmSync(path.join(root, 'server/extra.ts'));
    expect(start()).toEqual(['server']);
  });

  it('ignores tests, migrations and seed pictures, which no build reads', () => {
    write('server/main.test.ts', 'changed test\n');
    write('web/customer/lib/cart.test.ts', 'changed test\n');
    write('server/db/migrations/0001_more.sql', 'ALTER TABLE t ADD c int;\n');
    write('server/modules/bootstrap/assets/dish.jpg', 'another jpeg');
    expect(start()).toEqual([]);
  });

  it('goes by contents, not modification times', () => {
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(path.join(root, 'server/main.ts'), old, old);
    utimesSync(path.join(root, 'web/index.html'), new Date(), new Date());
    expect(start()).toEqual([]);
  });

  it('rebuilds a target whose output is missing', () => {
    rmSync(path.join(root, 'dist/web'), { recursive: true });
    expect(start()).toEqual(['web']);
  });

  it('leaves no stamp when a build fails, so the next start tries again', () => {
    write('server/main.ts', 'export const broken = ;\n');
    const failing = () => {
      throw new Error('tsc exited with 2');
    };
    expect(() => buildStale(['server'], { root, run: failing, log: () => {} })).toThrow('tsc exited with 2');
    expect(start()).toEqual(['server']);
  });

  it('stamps the inputs as they were when the build began', () => {
    const editDuringBuild = (name: keyof typeof TARGETS, at: string) => {
      stubBuild(name, at);
      write('server/main.ts', 'export const main = 3;\n');
    };
    write('server/main.ts', 'export const main = 2;\n');
    buildStale(['server'], { root, run: editDuringBuild, log: () => {} });
    expect(start()).toEqual(['server']);
  });
});

describe('inputsHash', () => {
  it('is the same for the same files and differs per target', () => {
    expect(inputsHash('server', root)).toBe(inputsHash('server', root));
    expect(inputsHash('server', root)).not.toBe(inputsHash('web', root));
  });
});
