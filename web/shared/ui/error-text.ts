import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** A sentence for the user explaining an error, in the current language. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : 15;
    const key = `common:errors.${error.code}`;
    const text = t(key, { minutes, defaultValue: '' });
    if (text) return text;
    return error.message || t('common:errors.unknown');
  }
  return t('common:errors.unknown');
}
