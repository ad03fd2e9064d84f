import type { MantineColorsTuple } from '@mantine/core';

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function toHex(channels: number[]): string {
  return `#${channels
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour mixed towards black, step by step, until it reaches `ratio` against `background`. */
function darkenUntil(hex: string, background: string, ratio: number): string {
  const start = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let colour = hex;
  for (let step = 1; contrast(colour, background) < ratio && step <= 100; step++) {
    colour = toHex(start.map((c) => c * (1 - step / 100)));
  }
  return colour;
}

/**
 * Text needs 4.5:1 (WCAG AA) on white and on the apps' warm off-white page (#f6f3ef): 5:1 against
 * white clears both. Grey (dimmed text) also sits on the pale tints rows are marked with (a new
 * order's orange 1–2): 6:1 against white clears those too.
 */
export const TEXT_ON_WHITE = 5;
const GREY_ON_WHITE = 6;

/**
 * Mantine's palettes with shades 6–9 darkened where they are too light to carry text: shades
 * 6–9 are what Mantine paints filled buttons and badges with (white text), uses as coloured text
 * (`c="red.7"`, `dimmed` is gray 6) and as the text of light buttons (shade 9 on shade 1 or 2,
 * its hover). Shades 0–5 (backgrounds, borders) keep their look.
 */
export function accessibleColors(colors: Record<string, MantineColorsTuple>): Record<string, MantineColorsTuple> {
  const result: Record<string, MantineColorsTuple> = {};
  for (const [name, shades] of Object.entries(colors)) {
    const next = [...shades];
    const ratio = name === 'gray' ? GREY_ON_WHITE : TEXT_ON_WHITE;
    for (let shade = 6; shade <= 9; shade++) next[shade] = darkenUntil(next[shade] as string, '#ffffff', ratio);
    // Each darker shade stays at least as dark as the one before it (hover is a step darker).
    for (let shade = 7; shade <= 9; shade++) {
      if (luminance(next[shade] as string) > luminance(next[shade - 1] as string))
        next[shade] = next[shade - 1] as string;
    }
    next[9] = darkenUntil(next[9] as string, next[2] as string, 4.5);
    result[name] = next as unknown as MantineColorsTuple;
  }
  return result;
}
