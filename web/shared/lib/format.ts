/** Won are integers, shown as `12,000원` (docs/API.md, "Conventions"). */
export function formatWon(amount: number): string {
  return `${Math.round(amount).toLocaleString('ko-KR')}원`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Won in the reader's language: `12,000원` in Korean, Intl's currency form elsewhere (`₩12,000`
 * in English, Japanese and Chinese). `language` is an app language (`ko`, `en`, `ja`, `zh`).
 */
export function formatMoney(amount: number, language: string): string {
  if (language === 'ko' || !language) return formatWon(amount);
  const locale = ({ en: 'en-US', ja: 'ja-JP', zh: 'zh-CN' } as Record<string, string>)[language] ?? 'en-US';
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'KRW', maximumFractionDigits: 0 });
    moneyFormats.set(locale, format);
  }
  return format.format(Math.round(amount));
}

/** `14:05` in the given time zone (the store's; the device's when unknown). */
export function formatTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('ko-KR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(
    new Date(iso),
  );
}

/** `2026. 3. 1. 14:05` style date and time. */
export function formatDateTime(iso: string, locale = 'ko-KR', timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Minutes since `iso`, for "open for 35 min". */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

/** Today as YYYY-MM-DD in a time zone (for date-range filters in the store's zone). */
export function localDate(date: Date, timeZone = 'Asia/Seoul'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
  return parts;
}
