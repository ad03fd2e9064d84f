import { describe, expect, it } from 'vitest';
import { daysIn, presetOf, presetRange, rangeError, shiftDate } from './date-ranges';

describe('date ranges', () => {
  it('gives each preset its days, weeks from Monday and months from the 1st', () => {
    // 2026-03-04 is a Wednesday.
    expect(presetRange('today', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(presetRange('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(presetRange('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-04' });
    // A Sunday closes the week that began six days before; a Monday begins one.
    expect(presetRange('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetRange('week', '2026-03-09')).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(presetRange('month', '2026-03-04')).toEqual({ from: '2026-03-01', to: '2026-03-04' });
    expect(presetRange('yesterday', '2024-03-01')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
  });

  it('recognizes a preset, and a custom range as none', () => {
    expect(presetOf({ from: '2026-03-02', to: '2026-03-04' }, '2026-03-04')).toBe('week');
    // On the 1st, this month and today are the same days: the first preset that fits wins.
    expect(presetOf({ from: '2026-03-01', to: '2026-03-01' }, '2026-03-01')).toBe('today');
    expect(presetOf({ from: '2026-02-01', to: '2026-02-28' }, '2026-03-04')).toBeNull();
  });

  it('counts days and finds what is wrong with a typed range', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysIn({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
    expect(rangeError({ from: '2024-01-01', to: '2024-12-31' }, 366)).toBeNull();
    expect(rangeError({ from: '2024-01-01', to: '2025-01-01' }, 366)).toBe('length');
    expect(rangeError({ from: '2026-03-02', to: '2026-03-01' }, 366)).toBe('order');
    expect(rangeError({ from: '', to: '2026-03-01' }, 366)).toBe('missing');
  });
});
