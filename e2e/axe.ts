import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR } from './harness.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'critical' | 'serious' | 'moderate' | 'minor';
const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

export interface AuditRow {
  app: string;
  screen: string;
  mode: string;
  language: string;
  counts: Record<Impact, number>;
  /** `rule (impact): first offending element` for every violation. */
  violations: string[];
}

interface AxeViolation {
  id: string;
  impact: Impact | null;
  nodes: Array<{
    target: string[];
    html: string;
    any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }>;
  }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practices) on the page as it is now and
 * counts violations by impact. Every element counts (two unnamed buttons are two violations).
 */
export async function audit(page: Page, where: Omit<AuditRow, 'counts' | 'violations'>): Promise<AuditRow> {
  // Animations settled (dialogs fade in) so contrast is measured on final colours.
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const list: string[] = [];
  for (const v of violations as AxeViolation[]) {
    const impact = v.impact ?? 'minor';
    counts[impact] += v.nodes.length;
    const where = v.nodes.slice(0, 6).map((n) => {
      const c = n.any[0]?.data;
      const colours = c?.fgColor ? ` [${c.fgColor} on ${c.bgColor} = ${c.contrastRatio}]` : '';
      return `${n.html.slice(0, 90)}${colours}`;
    });
    list.push(`${v.id} (${impact} ×${v.nodes.length}): ${where.join(' ; ')}`);
  }
  return { ...where, counts, violations: list };
}

/**
 * The screens × modes × languages × impact counts as a Markdown table, its columns padded the way
 * the formatter lays them out (numbers to the right), so the docs stay formatted.
 */
export function auditTable(rows: AuditRow[]): string {
  const sum = (impact: Impact) => rows.reduce((n, r) => n + r.counts[impact], 0);
  const header = ['app', 'screen', 'mode', 'language', ...IMPACTS];
  const body = rows.map((r) => [r.app, r.screen, r.mode, r.language, ...IMPACTS.map((i) => String(r.counts[i]))]);
  body.push([`**all ${rows.length} screens**`, '', '', '', ...IMPACTS.map((i) => `**${sum(i)}**`)]);
  const numeric = (column: number) => column >= 4;
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((cells) => (cells[c] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (numeric(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (numeric(c) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

const BEGIN = '<!-- axe-table:begin -->';
const END = '<!-- axe-table:end -->';

/**
 * Keeps the table under e2e/artifacts; with E2E_SCREENSHOTS=1 (refreshing the docs on purpose)
 * it also replaces the table in docs/ACCESSIBILITY.md between its markers.
 */
export function saveAuditTable(rows: AuditRow[], docsFile: string): void {
  const table = auditTable(rows);
  writeFileSync(path.join(ARTIFACT_DIR, 'accessibility-table.md'), `${table}\n`);
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  const doc = readFileSync(docsFile, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${docsFile} has no ${BEGIN} … ${END} block`);
  writeFileSync(docsFile, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`);
}
