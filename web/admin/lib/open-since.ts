import type { TFunction } from 'i18next';
import { formatTime, minutesSince } from '@shared/lib/format';

/** "13:05부터 · 35분째": when a table's visit began and how long it has been going. */
export function openSinceLabel(t: TFunction, startedAt: string, now: number): string {
  const minutes = minutesSince(startedAt, now);
  const time = formatTime(startedAt);
  return minutes < 1 ? t('table.openSinceNow', { time }) : t('table.openSince', { time, minutes });
}
