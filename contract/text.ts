import { z } from 'zod';

/**
 * Characters that change how text around them is laid out without showing themselves: bidi
 * embeddings, overrides and isolates (a name with U+202E reads backwards on every screen after
 * it). Refused anywhere in names and notes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches
const LAYOUT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** Characters that show nothing: spaces, zero-widths, joiners, format marks, the Hangul fillers. */
const INVISIBLE = /^[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]*$/u;

/**
 * A name or short text people read on screens and tickets: trimmed, min..max characters, not
 * made only of invisible characters and carrying no direction overrides or control characters.
 * `multiline` allows line breaks (notes).
 */
export function displayText(min: number, max: number, options: { multiline?: boolean } = {}) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !LAYOUT_CONTROLS.test(options.multiline ? value.replace(/[\n\r\t]/g, ' ') : value), {
      message: 'must not contain control or text-direction characters',
    })
    .refine((value) => value.length === 0 || !INVISIBLE.test(value), {
      message: 'must contain visible characters',
    });
}
