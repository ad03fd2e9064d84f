import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, test } from 'vitest';
import { accessibleColors, contrast } from './accessible-colors';

describe('accessible colours', () => {
  const colors = accessibleColors(DEFAULT_THEME.colors);

  test("dimmed text stays legible on a fresh order's orange row", () => {
    expect(contrast(colors.gray?.[6] as string, colors.orange?.[2] as string)).toBeGreaterThanOrEqual(4.5);
  });

  test('the contrast ratio is the WCAG one', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // Mantine's own orange 7 with white text: the 3.04:1 that failed AA.
    expect(contrast('#f76707', '#ffffff')).toBeCloseTo(3.04, 1);
  });

  test.each(Object.keys(DEFAULT_THEME.colors))(
    '%s: shades 6–9 carry text on white and on the page, light buttons stay legible',
    (name) => {
      const shades = colors[name] ?? [];
      for (const shade of [6, 7, 8, 9]) {
        expect(contrast(shades[shade] as string, '#ffffff')).toBeGreaterThanOrEqual(4.5);
        expect(contrast(shades[shade] as string, '#f6f3ef')).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(shades[9] as string, shades[1] as string)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shades[9] as string, shades[2] as string)).toBeGreaterThanOrEqual(4.5);
      // Dimmed (grey 6) text on a light-tinted background (dark's low shades are dark-mode greys).
      if (name !== 'dark')
        expect(contrast(colors.gray?.[6] as string, shades[1] as string)).toBeGreaterThanOrEqual(4.5);
      // Backgrounds keep Mantine's look.
      expect(shades.slice(0, 6)).toEqual(DEFAULT_THEME.colors[name]?.slice(0, 6));
    },
  );
});
