import type { CreateOrderBody, Order } from '@contract/orders';
import { api } from '@customer/lib/api';

/** How long one attempt may hang (a Wi-Fi that drops silently) before it counts as a network failure. */
const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * Sends a confirmed cart. The same `idempotencyKey` on every attempt: if an earlier attempt did
 * reach the server, the answer is that same order and nothing new is created.
 */
export async function createOrder(body: CreateOrderBody, idempotencyKey: string): Promise<Order> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    return await api.post<Order>('/table/orders', body, {
      headers: { 'idempotency-key': idempotencyKey },
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts, and a tablet on the
 * restaurant's LAN may well load the app over plain http.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
