import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine.js';
import { ROOT } from './processes.js';

export interface Row {
  scenario: string;
  engine: string;
  /** Medians over the repeats, with the spread of the headline figure. */
  figure: string;
  target: string;
  limit: string;
  ratio: string;
}

export const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—');
export const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms` : '—';
export const ratio = (ours: number, limit: number) =>
  Number.isFinite(ours) && Number.isFinite(limit) && limit > 0 ? `${(ours / limit).toFixed(2)}×` : '—';
export const range = (values: number[]) => {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return '';
  return ` (${int(Math.min(...finite))}–${int(Math.max(...finite))})`;
};
export const verdict = (text: string, met: boolean | null) => (met === null ? text : `${text} ${met ? '✓' : '✗'}`);

const HEADERS = ['Scenario', 'Engine', 'Figure (median)', 'Target', 'Limit (same run)', 'Ratio'] as const;
const cells = (row: Row) => [row.scenario, row.engine, row.figure, row.target, row.limit, row.ratio];

/** The one table, for a terminal. */
export function textTable(rows: Row[]): string {
  return formatTable(HEADERS, rows.map(cells));
}

/** Columns padded to their widest cell. */
export function formatTable(headers: readonly string[], lines: string[][]): string {
  const table = [headers, ...lines];
  const widths = headers.map((_, c) => Math.max(...table.map((line) => [...(line[c] ?? '')].length)));
  const format = (line: readonly string[]) =>
    line.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - [...cell].length)).join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [format(headers), rule, ...lines.map(format)].join('\n');
}

export function markdownTable(rows: Row[]): string {
  return formatMarkdownTable(HEADERS, rows.map(cells));
}

/** A Markdown table with its columns padded, as the formatter lays it out. */
export function formatMarkdownTable(headers: readonly string[], lines: string[][]): string {
  const table = [headers, ...lines].map((line) => line.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = headers.map((_, c) => Math.max(3, ...table.map((line) => [...(line[c] ?? '')].length)));
  const format = (line: readonly string[]) =>
    `| ${line.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [head, ...body] = table;
  return [format(head ?? []), format(widths.map((w) => '-'.repeat(w))), ...body.map(format)].join('\n');
}

const START = '<!-- bench:latest-run:start -->';
const END = '<!-- bench:latest-run:end -->';

/**
 * Writes the run between the markers of docs/BENCHMARKS.md, keeping the hand-written analysis
 * around them; creates the file when it is missing.
 */
export function writeLatestRun(section: string): string {
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  const block = `${START}\n${section.trim()}\n${END}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  text =
    start >= 0 && end > start
      ? text.slice(0, start) + block + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  return file;
}

/** Raw figures of a run, beside the docs (bench/results/ is not committed). */
export function saveRaw(machine: Machine, data: unknown): string {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `run-${machine.date.replaceAll(':', '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine, data }, null, 2));
  return file;
}

export function machineLines(machine: Machine): string[] {
  return [
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}`,
    `- Node ${machine.node}${machine.postgres ? `, ${machine.postgres}` : ''}`,
    `- Commit \`${machine.commit}\`${machine.dirty ? ' (with uncommitted changes under server/ or contract/)' : ''}, ${machine.date}`,
  ];
}
