import type { CurrentTableSession } from '@contract/tables';

/** How many guests the tablet lets a table say (the server's own bounds, `Guests`). */
export const MIN_GUESTS = 1;
export const MAX_GUESTS = 99;
/** The counts shown as big buttons; more is reached with the + button. */
export const QUICK_GUEST_COUNTS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/**
 * Whether the tablet asks "how many?" before anything else: the store wants the count and the
 * table has no open visit. Not while the answer is unknown (loading or failed: guests order as
 * before) nor while an order waits to be sent (that order opens the visit itself).
 */
export function shouldAskGuests(answer: CurrentTableSession | undefined, orderPending: boolean): boolean {
  if (!answer || orderPending) return false;
  return answer.askGuestCount && answer.session === null;
}

/** One step of the − / + buttons, kept within 1..99; from no choice yet, + gives 1 and − stays at 1. */
export function stepGuests(value: number | null, delta: 1 | -1): number {
  const next = (value ?? 0) + delta;
  return Math.min(MAX_GUESTS, Math.max(MIN_GUESTS, next));
}
