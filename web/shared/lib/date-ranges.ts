import { addDays, daysInRange } from '@contract/reports';

/** Whole days of a calendar, both ends included, as YYYY-MM-DD (a report's range). */
export interface DateRange {
  from: string;
  to: string;
}

export const RANGE_PRESETS = ['today', 'yesterday', 'week', 'month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The date `days` after (or before) `date`. */
export const shiftDate = addDays;

/**
 * A preset's days, given today's date on the store's calendar: 오늘, 어제, 이번 주 (from Monday, as
 * Korean calendars start the week), 이번 달 (from the 1st) — the last two up to today.
 */
export function presetRange(preset: RangePreset, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = shiftDate(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'week': {
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      return { from: shiftDate(today, -((weekday + 6) % 7)), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The preset a range is, today, or null for a custom one. */
export function presetOf(range: DateRange, today: string): RangePreset | null {
  return (
    RANGE_PRESETS.find((preset) => {
      const candidate = presetRange(preset, today);
      return candidate.from === range.from && candidate.to === range.to;
    }) ?? null
  );
}

/** Days in a range, both ends included. */
export function daysIn(range: DateRange): number {
  return daysInRange(range.from, range.to);
}

/** What is wrong with a range a person typed, or null: both dates, in order, at most `maxDays`. */
export function rangeError(range: DateRange, maxDays: number): 'missing' | 'order' | 'length' | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(range.from) || !date.test(range.to)) return 'missing';
  if (range.from > range.to) return 'order';
  if (daysIn(range) > maxDays) return 'length';
  return null;
}
