import type { GuestLoginBody, GuestLoginResponse } from '@contract/guests';
import { anonymousApi } from '@customer/lib/api';

/** Exchanges the table's QR code (and the visit's PIN, the guest count) for a guest token. */
export function joinTable(body: GuestLoginBody): Promise<GuestLoginResponse> {
  return anonymousApi.post<GuestLoginResponse>('/auth/guest/login', body);
}

/**
 * What a refused join asks of the guest next: the PIN, the guest count, or nothing more (the page
 * explains why the phone cannot order here).
 */
export type JoinRefusal =
  | { kind: 'pin'; wrong: boolean }
  | { kind: 'guests' }
  | { kind: 'unknown-code' }
  | { kind: 'not-open' }
  | { kind: 'off' }
  | { kind: 'inactive' }
  | { kind: 'too-many' }
  | { kind: 'network' }
  | { kind: 'failed' };

export function refusalOf(error: { status: number; code: string; details: Record<string, unknown> }): JoinRefusal {
  if (error.status === 0) return { kind: 'network' };
  if (error.status === 401 && error.details.pinRequired === true) {
    return { kind: 'pin', wrong: error.details.wrongPin === true };
  }
  if (error.status === 401) return { kind: 'unknown-code' };
  if (error.code === 'GUEST_ORDERING_OFF') return { kind: 'off' };
  if (error.code === 'STORE_INACTIVE') return { kind: 'inactive' };
  if (error.code === 'TABLE_NOT_OPEN')
    return error.details.askGuests === true ? { kind: 'guests' } : { kind: 'not-open' };
  if (error.status === 429) return { kind: 'too-many' };
  return { kind: 'failed' };
}

/**
 * The code waiting to be exchanged. It leaves the address bar the moment the page opens (no
 * screenshot, shared link or Referer carries it) and lives only here, in memory, until it is used.
 */
let pendingCode: string | null = null;

export const codeInHand = {
  take(code: string) {
    pendingCode = code;
  },
  peek: () => pendingCode,
  forget() {
    pendingCode = null;
  },
};
