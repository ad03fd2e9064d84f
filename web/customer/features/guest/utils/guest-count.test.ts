import { describe, expect, test } from 'vitest';
import { MAX_GUESTS, MIN_GUESTS, shouldAskGuests, stepGuests } from './guest-count';

const visit = {
  sessionId: '00000000-0000-4000-8000-000000000001',
  tableId: '00000000-0000-4000-8000-000000000002',
  openedAt: '2026-01-01T00:00:00.000Z',
  guests: 4,
  pin: null,
};

describe('shouldAskGuests', () => {
  test('asks only when the store wants the count and no visit is open', () => {
    expect(shouldAskGuests({ session: null, askGuestCount: true }, false)).toBe(true);
    expect(shouldAskGuests({ session: visit, askGuestCount: true }, false)).toBe(false);
    expect(shouldAskGuests({ session: null, askGuestCount: false }, false)).toBe(false);
    expect(shouldAskGuests({ session: visit, askGuestCount: false }, false)).toBe(false);
  });

  test('never while the answer is unknown or an order waits to be sent', () => {
    expect(shouldAskGuests(undefined, false)).toBe(false);
    expect(shouldAskGuests({ session: null, askGuestCount: true }, true)).toBe(false);
  });
});

describe('stepGuests', () => {
  test('moves by one within the bounds the server accepts', () => {
    expect(stepGuests(4, 1)).toBe(5);
    expect(stepGuests(4, -1)).toBe(3);
    expect(stepGuests(8, 1)).toBe(9);
    expect(stepGuests(MAX_GUESTS, 1)).toBe(MAX_GUESTS);
    expect(stepGuests(MIN_GUESTS, -1)).toBe(MIN_GUESTS);
  });

  test('from no choice yet, + gives 1 and − stays at 1', () => {
    expect(stepGuests(null, 1)).toBe(1);
    expect(stepGuests(null, -1)).toBe(MIN_GUESTS);
  });
});
