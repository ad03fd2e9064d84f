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

export { newIdempotencyKey } from '@customer/lib/idempotency-key';
