import iconv from 'iconv-lite';
import { type Align, charWidth, ESC, FS, GS, LF, textWidth } from './escpos.js';

/** One printed line as the printer would lay it out. */
export interface PrintedLine {
  text: string;
  align: Align;
  /** Character magnification (GS !). */
  width: number;
  height: number;
  bold: boolean;
}

/** What a run of ESC/POS bytes prints: its lines, and whether (and after how many lines) the paper was cut. */
export interface Printout {
  lines: PrintedLine[];
  cuts: number[];
  /** Commands met that this reader does not know (none on a ticket of ours). */
  unknown: string[];
}

const ALIGNS: Align[] = ['left', 'center', 'right'];

/**
 * Reads ESC/POS bytes back into lines of text (CP949 decoded): the test suite's eyes on what the
 * printer got, and the source of the ticket pictures in the docs. Knows the commands tickets use.
 */
export function readEscPos(bytes: Uint8Array): Printout {
  const lines: PrintedLine[] = [];
  const cuts: number[] = [];
  const unknown: string[] = [];
  let state = { align: 'left' as Align, width: 1, height: 1, bold: false };
  let pending: number[] = [];
  let current: PrintedLine | null = null;

  const flushText = () => {
    if (pending.length === 0) return;
    const text = iconv.decode(Buffer.from(pending), 'cp949');
    pending = [];
    current ??= { text: '', ...state };
    current.text += text;
  };
  const endLine = () => {
    flushText();
    lines.push(current ?? { text: '', ...state });
    current = null;
  };

  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const next = bytes[i + 1];
    if (b === LF) {
      endLine();
    } else if (b === ESC) {
      flushText();
      if (next === 0x40) {
        state = { align: 'left', width: 1, height: 1, bold: false };
        i += 1;
      } else if (next === 0x52 || next === 0x74) {
        i += 2; // character set / code table
      } else if (next === 0x61) {
        state.align = ALIGNS[(bytes[i + 2] ?? 0) % 3] ?? 'left';
        i += 2;
      } else if (next === 0x45) {
        state.bold = (bytes[i + 2] ?? 0) % 2 === 1;
        i += 2;
      } else if (next === 0x64) {
        const n = bytes[i + 2] ?? 0;
        if (current) endLine();
        for (let k = 0; k < n; k++) lines.push({ text: '', ...state });
        i += 2;
      } else {
        unknown.push(`ESC ${next}`);
        i += 1;
      }
    } else if (b === GS) {
      flushText();
      if (next === 0x21) {
        const n = bytes[i + 2] ?? 0;
        state.width = (n >> 4) + 1;
        state.height = (n & 0x0f) + 1;
        i += 2;
      } else if (next === 0x56) {
        const m = bytes[i + 2] ?? 0;
        if (current) endLine();
        cuts.push(lines.length);
        i += m === 65 || m === 66 ? 3 : 2;
      } else {
        unknown.push(`GS ${next}`);
        i += 1;
      }
    } else if (b === FS) {
      flushText();
      if (next === 0x26 || next === 0x2e) i += 1;
      else {
        unknown.push(`FS ${next}`);
        i += 1;
      }
    } else {
      pending.push(b);
    }
  }
  if (pending.length > 0 || current) endLine();
  return { lines, cuts, unknown };
}

/** A line's text as it looks magnified: each character followed by spaces for its extra width. */
function magnified(line: PrintedLine): string {
  if (line.width === 1) return line.text;
  return [...line.text].map((char) => char + ' '.repeat((line.width - 1) * charWidth(char))).join('');
}

/**
 * A printout drawn as a paper slip in text: `columns` wide, aligned as printed, double-height
 * lines marked ▌, bold ones ▐, a cut drawn as scissors. What a reader of the docs sees of a ticket.
 */
export function drawPrintout(printout: Printout, columns = 42): string {
  const border = '─'.repeat(columns + 2);
  const out = [`┌${border}┐`];
  printout.lines.forEach((line, index) => {
    if (printout.cuts.includes(index) && index > 0)
      out.push(`└${'✂ '.repeat(Math.ceil((columns + 2) / 2)).slice(0, columns + 2)}┘`);
    const text = magnified(line);
    const free = Math.max(0, columns - textWidth(text));
    const left = line.align === 'center' ? Math.floor(free / 2) : line.align === 'right' ? free : 0;
    const body = ' '.repeat(left) + text + ' '.repeat(free - left);
    const mark = line.height > 1 ? '▌' : line.bold ? '▐' : ' ';
    out.push(`│${mark}${body} │`);
  });
  if (printout.cuts.includes(printout.lines.length)) {
    out.push(`└${'✂ '.repeat(Math.ceil((columns + 2) / 2)).slice(0, columns + 2)}┘`);
  } else {
    out.push(`└${border}┘`);
  }
  return out.join('\n');
}
