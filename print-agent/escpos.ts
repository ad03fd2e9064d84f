import iconv from 'iconv-lite';

/** The few ESC/POS commands a kitchen ticket needs, with Korean text in CP949. */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** Columns a character takes in double-byte mode: Hangul, CJK and full-width forms take two. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  ) {
    return 2;
  }
  return 1;
}

export const textWidth = (text: string) => [...text].reduce((sum, char) => sum + charWidth(char), 0);

/** Splits text into lines of at most `columns` columns (by character: Korean has no need of word breaks). */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (width + w > columns && current) {
      lines.push(current);
      current = '';
      width = 0;
    }
    if (!current && char === ' ' && lines.length > 0) continue;
    current += char;
    width += w;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Builds ESC/POS bytes. Text goes out in CP949 with the printer in Korean double-byte mode
 * (ESC R 13, FS &), which the common Korean thermal printers (Bixolon, Sewoo, Hwasung …) print
 * as Hangul. Characters CP949 has no code for become '?'.
 */
export class EscPos {
  private readonly parts: Buffer[] = [];

  private raw(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @ then Korea: the international set (ESC R 13) and double-byte characters (FS &). */
  init(): this {
    return this.raw(ESC, 0x40).raw(ESC, 0x52, 13).raw(FS, 0x26);
  }

  align(align: Align): this {
    return this.raw(ESC, 0x61, ALIGN[align]);
  }

  /** GS ! — character size, 1..8 times in each direction. */
  size(width: number, height: number): this {
    return this.raw(GS, 0x21, ((width - 1) << 4) | (height - 1));
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  text(text: string): this {
    // Control characters would be read as commands by the printer.
    const clean = [...text]
      .map((char) => ((char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f' ? ' ' : char))
      .join('');
    this.parts.push(iconv.encode(clean, 'cp949'));
    return this;
  }

  line(text = ''): this {
    return this.text(text).raw(LF);
  }

  /** ESC d n — prints and feeds n lines. */
  feed(lines: number): this {
    return this.raw(ESC, 0x64, lines);
  }

  /** GS V 66 n — feeds to the cutter (plus n dots) and cuts, leaving a hinge (partial cut). */
  cut(): this {
    return this.raw(GS, 0x56, 66, 0);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
