import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { callAge, callUrgency, callWait, callWhat } from './call-labels';

/** A t() that shows which key it got and with what, so the tests read the choice made. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key}(${Object.values(values).join(',')})` : key) as unknown as TFunction;

const at = (iso: string) => Date.parse(iso);
const call = { createdAt: '2026-03-01T05:00:00.000Z', reasons: ['물', '앞접시'], doneAt: null };

describe('call labels', () => {
  test('say how long a table has waited, turning amber at 3 minutes and red at 5', () => {
    expect(callAge(t, call, at('2026-03-01T05:00:40Z'))).toBe('calls.justNow');
    expect(callAge(t, call, at('2026-03-01T05:04:10Z'))).toBe('calls.minutesAgo(4)');
    expect(callUrgency(call, at('2026-03-01T05:02:59Z'))).toBe('fresh');
    expect(callUrgency(call, at('2026-03-01T05:03:00Z'))).toBe('late');
    expect(callUrgency(call, at('2026-03-01T05:05:00Z'))).toBe('overdue');
  });

  test('say how long it took staff, in seconds or minutes and seconds', () => {
    expect(callWait(t, call)).toBeNull();
    expect(callWait(t, { ...call, doneAt: '2026-03-01T05:00:42.400Z' })).toBe('calls.waitedSeconds(42)');
    expect(callWait(t, { ...call, doneAt: '2026-03-01T05:01:23.000Z' })).toBe('calls.waitedMinutes(1,23)');
  });

  test('name what was asked for, or a plain call', () => {
    expect(callWhat(t, call)).toBe('물 · 앞접시');
    expect(callWhat(t, { reasons: [] })).toBe('calls.plain');
  });
});
