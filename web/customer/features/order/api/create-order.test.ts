import { afterEach, expect, test, vi } from 'vitest';
import { IdempotencyKey } from '@contract/orders';
import { newIdempotencyKey } from './create-order';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

test('a fresh UUID each time, accepted by the contract as an Idempotency-Key', () => {
  const a = newIdempotencyKey();
  expect(a).toMatch(UUID_V4);
  expect(newIdempotencyKey()).not.toBe(a);
  expect(IdempotencyKey.safeParse(a).success).toBe(true);
});

test('over plain http (no crypto.randomUUID) still a version-4 UUID', () => {
  const real = globalThis.crypto;
  vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
  const keys = Array.from({ length: 50 }, () => newIdempotencyKey());
  for (const key of keys) expect(key).toMatch(UUID_V4);
  expect(new Set(keys).size).toBe(50);
});
