import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives: a package, Node's internals, our server, GC, idle. */
  byPlace: Array<{ place: string; ms: number; share: number }>;
  /** Self time by function. */
  bySelf: Array<{ frame: string; ms: number; share: number }>;
  /** Time spent in a function or anything it called (each stack counted once per frame). */
  byTotal: Array<{ frame: string; ms: number; share: number }>;
}

/** Where a frame's code lives, from its script URL. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(server|contract)\/(.+?)\.js$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url;
}

const frameName = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${placeOf(node.callFrame.url, node.callFrame.functionName)}:${node.callFrame.lineNumber + 1}`;

/** Reads a V8 .cpuprofile (as written by `node --cpu-prof`) and ranks where the time went. */
export function summarizeProfile(file: string, top = Number(process.env.BENCH_PROFILE_TOP ?? 25)): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totalUs = [...selfUs.values()].reduce((sum, v) => sum + v, 0);

  const place = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const where = placeOf(node.callFrame.url, node.callFrame.functionName);
    place.set(where, (place.get(where) ?? 0) + us);
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => ({ key, ms: us / 1000, share: us / totalUs }));
  return {
    totalMs: totalUs / 1000,
    byPlace: rank(place).map(({ key, ms, share }) => ({ place: key, ms, share })),
    bySelf: rank(self).map(({ key, ms, share }) => ({ frame: key, ms, share })),
    byTotal: rank(total).map(({ key, ms, share }) => ({ frame: key, ms, share })),
  };
}

export function printSummary(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  return [
    `total ${Math.round(summary.totalMs)} ms sampled`,
    '',
    'self time by place:',
    ...summary.byPlace.map((row) => `  ${pct(row.share)}  ${row.place}`),
    '',
    'self time by function:',
    ...summary.bySelf.map((row) => `  ${pct(row.share)}  ${row.frame}`),
    '',
    'total time (function and its callees):',
    ...summary.byTotal.map((row) => `  ${pct(row.share)}  ${row.frame}`),
  ].join('\n');
}
