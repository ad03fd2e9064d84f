import { describe, expect, it } from 'vitest';
import { bestDay, busiestHour, hoursToShow, shortDate } from './sales-summary';

const hours = (filled: Record<number, [number, number]>) =>
  Array.from({ length: 24 }, (_, hour) => ({
    hour,
    orders: filled[hour]?.[0] ?? 0,
    salesAmount: filled[hour]?.[1] ?? 0,
  }));

describe('sales summary', () => {
  it('finds the best day and the busiest hour, or none when nothing sold', () => {
    const days = [
      { date: '2026-03-01', orders: 2, salesAmount: 30_000 },
      { date: '2026-03-02', orders: 1, salesAmount: 45_000 },
      { date: '2026-03-03', orders: 5, salesAmount: 45_000 },
    ];
    expect(bestDay(days)?.date).toBe('2026-03-02');
    expect(bestDay([{ date: '2026-03-01', orders: 1, salesAmount: 0 }])).toBeNull();
    expect(busiestHour(hours({ 12: [4, 40_000], 19: [4, 52_000], 20: [3, 90_000] }))?.hour).toBe(19);
    expect(busiestHour(hours({}))).toBeNull();
  });

  it('draws opening hours, widened to 10–22, and all 24 when orders run past midnight', () => {
    expect(hoursToShow(hours({ 12: [1, 1] })).map((h) => h.hour)).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
    ]);
    expect(hoursToShow(hours({ 8: [1, 1], 23: [1, 1] })).map((h) => h.hour)[0]).toBe(8);
    expect(hoursToShow(hours({ 1: [1, 1], 23: [1, 1] }))).toHaveLength(23);
    expect(shortDate('2026-03-09')).toBe('3/9');
  });
});
