import { describe, expect, test } from 'vitest';
import { formatDateTime, formatMoney, formatTime, formatWon, localDate, minutesSince } from './format';

describe('formatWon', () => {
  test('groups thousands and ends in 원', () => {
    expect(formatWon(12_000)).toBe('12,000원');
    expect(formatWon(1_234_567)).toBe('1,234,567원');
  });

  test('zero and small amounts have no separator', () => {
    expect(formatWon(0)).toBe('0원');
    expect(formatWon(500)).toBe('500원');
  });

  test('rounds to whole won', () => {
    expect(formatWon(999.6)).toBe('1,000원');
  });
});

describe('formatMoney', () => {
  test('Korean keeps 12,000원; the other languages put the won sign first', () => {
    expect(formatMoney(12_000, 'ko')).toBe('12,000원');
    // Intl may use the full-width sign in some locales: accept either, never 원 or decimals.
    for (const language of ['en', 'ja', 'zh']) {
      expect(formatMoney(12_000, language)).toMatch(/^[₩￦]12,000$/);
    }
    expect(formatMoney(999.6, 'en')).toMatch(/^[₩￦]1,000$/);
  });
});

describe('formatTime', () => {
  test('24-hour time in the given time zone', () => {
    expect(formatTime('2026-03-01T05:05:00Z', 'Asia/Seoul')).toBe('14:05');
    expect(formatTime('2026-03-01T05:05:00Z', 'UTC')).toBe('05:05');
  });
});

describe('formatDateTime', () => {
  test('date and time in the given locale and zone', () => {
    const text = formatDateTime('2026-03-01T05:05:00Z', 'en-US', 'Asia/Seoul');
    expect(text).toContain('2026');
    expect(text).toContain('Mar');
    expect(text).toMatch(/2:05/);
  });
});

describe('minutesSince', () => {
  test('whole minutes elapsed', () => {
    const start = '2026-03-01T05:00:00Z';
    expect(minutesSince(start, Date.parse('2026-03-01T05:35:59Z'))).toBe(35);
  });

  test('never negative when the clock is behind', () => {
    expect(minutesSince('2026-03-01T05:00:00Z', Date.parse('2026-03-01T04:59:00Z'))).toBe(0);
  });
});

describe('localDate', () => {
  test('the calendar date in the store’s zone, not the device’s', () => {
    const lateEvening = new Date('2026-03-01T15:30:00Z');
    expect(localDate(lateEvening, 'Asia/Seoul')).toBe('2026-03-02');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-03-01');
  });

  test('defaults to Seoul', () => {
    expect(localDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
