import type { TFunction } from 'i18next';
import type { Call } from '@contract/calls';
import { minutesSince } from '@shared/lib/format';

/** "방금" / "3분 전": how long a table has been waiting. */
export function callAge(t: TFunction, call: Pick<Call, 'createdAt'>, now: number): string {
  const minutes = minutesSince(call.createdAt, now);
  return minutes < 1 ? t('calls.justNow') : t('calls.minutesAgo', { minutes });
}

/** A waiting table turns amber after 3 minutes and red after 5: someone should have gone by then. */
export function callUrgency(call: Pick<Call, 'createdAt'>, now: number): 'fresh' | 'late' | 'overdue' {
  const minutes = minutesSince(call.createdAt, now);
  return minutes >= 5 ? 'overdue' : minutes >= 3 ? 'late' : 'fresh';
}

/** "1분 23초 만에 처리": how long guests waited until staff marked the call done. */
export function callWait(t: TFunction, call: Pick<Call, 'createdAt' | 'doneAt'>): string | null {
  if (!call.doneAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(call.doneAt) - Date.parse(call.createdAt)) / 1000));
  return seconds < 60
    ? t('calls.waitedSeconds', { seconds })
    : t('calls.waitedMinutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

/** What a call asks for, in a line: its presets, or "직원 호출" when none was picked. */
export function callWhat(t: TFunction, call: Pick<Call, 'reasons'>): string {
  return call.reasons.length > 0 ? call.reasons.join(' · ') : t('calls.plain');
}
