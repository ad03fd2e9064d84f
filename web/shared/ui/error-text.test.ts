import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../api/client';
import { en } from '../i18n/en';
import { errorText } from './error-text';

/** A stand-in for i18next's t over the shared English strings: `common:errors.X` with {{minutes}}. */
const t = ((key: string, options: { minutes?: number; defaultValue?: string } = {}) => {
  const name = key.replace(/^common:errors\./, '');
  const text = (en.errors as Record<string, string>)[name];
  if (text === undefined) return options.defaultValue ?? key;
  return text.replace('{{minutes}}', String(options.minutes));
}) as unknown as TFunction;

describe('errorText', () => {
  test('a known code is explained in the user’s words', () => {
    expect(errorText(t, new ApiError(409, 'MENU_SOLD_OUT', 'Menu sold out'))).toBe(en.errors.MENU_SOLD_OUT);
    expect(errorText(t, new ApiError(0, 'NETWORK_ERROR', 'x'))).toBe(en.errors.NETWORK_ERROR);
  });

  test('a locked account says how long, from Retry-After rounded up to minutes (15 without one)', () => {
    expect(errorText(t, new ApiError(429, 'ACCOUNT_LOCKED', 'locked', {}, 61))).toContain('2 min');
    expect(errorText(t, new ApiError(429, 'ACCOUNT_LOCKED', 'locked'))).toContain('15 min');
  });

  test('a code without words of its own falls back to the server’s message, then to “unknown”', () => {
    expect(errorText(t, new ApiError(409, 'CART_CHANGED', 'The cart changed'))).toBe('The cart changed');
    expect(errorText(t, new ApiError(409, 'CART_CHANGED', ''))).toBe(en.errors.unknown);
  });

  test('anything else is unknown', () => {
    expect(errorText(t, new Error('boom'))).toBe(en.errors.unknown);
  });
});
