import { describe, expect, it } from 'vitest';
import { LocalDate } from './common.js';

describe('LocalDate', () => {
  it('takes real calendar days from year 1 to 9999', () => {
    for (const day of ['0001-01-01', '1999-12-31', '2024-02-29', '9999-12-31']) {
      expect(LocalDate.safeParse(day).success, day).toBe(true);
    }
  });

  it('refuses year 0000, which PostgreSQL does not know, and days that do not exist', () => {
    for (const day of ['0000-01-01', '0000-12-31', '2026-02-30', '2026-13-01', '2026-1-1', '+02026-01-01', '']) {
      expect(LocalDate.safeParse(day).success, day).toBe(false);
    }
  });
});
