import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/lib/paths.js';

/**
 * The shape docs/ARCHITECTURE.md promises, checked on the real import graph: `npm run lint`
 * runs the file-level rules of .dependency-cruiser.cjs; these are the module-level ones.
 */
const MODULES_DIR = path.join(PROJECT_ROOT, 'server', 'modules');

type Graph = Map<string, Set<string>>;

const moduleOf = (file: string) => /^server\/modules\/([^/]+)\//.exec(file)?.[1];

/**
 * Module → modules it imports (type-only imports included: they tie modules together too).
 * Routes and jobs files are the top layer (only app.ts imports them; the lint rules check that):
 * they may use any module, so they are left out.
 */
function moduleGraph(output: IReporterOutput): Graph {
  const graph: Graph = new Map();
  if (typeof output.output === 'string') throw new Error('expected a cruise result');
  for (const mod of output.output.modules) {
    const from = moduleOf(mod.source);
    if (!from || /\.(test|routes|jobs)\.ts$/.test(mod.source)) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const dep of mod.dependencies) {
      const to = moduleOf(dep.resolved);
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle between modules, as paths `a → b → a`. */
function cycles(graph: Graph): string[] {
  const found: string[] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) found.push([...trail.slice(at), next].join(' → '));
      else visit(next, [...trail, next]);
    }
  };
  for (const start of graph.keys()) visit(start, [start]);
  return [...new Set(found)];
}

let graph: Graph;
beforeAll(async () => {
  const result = await cruise(['server'], {
    baseDir: PROJECT_ROOT,
    tsPreCompilationDeps: true,
    exclude: { path: 'node_modules' },
    doNotFollow: { path: 'node_modules' },
  });
  graph = moduleGraph(result);
}, 60_000);

describe('the server’s modules', () => {
  it('import each other one way only: no module reaches itself through others', () => {
    expect(graph.size).toBeGreaterThan(8);
    expect(cycles(graph)).toEqual([]);
  });

  it('keep the layering: orders build on sessions, never the other way round', () => {
    expect(graph.get('orders')?.has('sessions')).toBe(true);
    expect(graph.get('sessions')?.has('orders') ?? false).toBe(false);
    expect(graph.get('sessions')?.has('tables') ?? false).toBe(false);
  });

  it('name every file for its module: <domain>.<part>.ts', () => {
    const misnamed: string[] = [];
    for (const domain of readdirSync(MODULES_DIR)) {
      for (const file of readdirSync(path.join(MODULES_DIR, domain), { withFileTypes: true })) {
        if (!file.isFile() || !file.name.endsWith('.ts')) continue;
        const parts = file.name.replace(/\.ts$/, '').split('.');
        const ok =
          parts[0] === domain && parts.length >= 2 && parts.slice(1).every((part) => /^[a-z0-9-]+$/.test(part));
        if (!ok) misnamed.push(`${domain}/${file.name}`);
      }
    }
    expect(misnamed).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through several modules and none in a line', () => {
    const line: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
    ]);
    const loop: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(cycles(line)).toEqual([]);
    expect(cycles(loop)).toContain('a → b → c → a');
  });
});
