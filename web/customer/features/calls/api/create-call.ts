import type { Call, CreateCallBody } from '@contract/calls';
import { api } from '@customer/lib/api';

/** How long one attempt may hang (a Wi-Fi that drops silently) before it counts as a network failure. */
const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * Calls staff. The same `idempotencyKey` on every attempt: if an earlier attempt did reach the
 * server, the answer is that same call and the table is not counted twice.
 */
export async function createCall(body: CreateCallBody, idempotencyKey: string): Promise<Call> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    return await api.post<Call>('/table/calls', body, {
      headers: { 'idempotency-key': idempotencyKey },
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}
