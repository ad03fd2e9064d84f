import type { GuestLoginResponse } from '@contract/guests';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';

/** A guest's phone at a table: the token it got for the table's code, bound to one visit. */
export type GuestSession = Pick<GuestLoginResponse, 'token' | 'expiresAt' | 'table' | 'sessionId' | 'label'>;

/**
 * Where the phone stands: not joined (no token), at the table, or out — the visit ended or the
 * table's code was changed. A phone that is out never signs in again by itself: the guests scan
 * the code again if they are still at the table.
 */
export type GuestState =
  | { kind: 'none' }
  | { kind: 'joined'; session: GuestSession }
  | { kind: 'over'; table: GuestSession['table'] | null; reason: 'ended' | 'revoked' };

const saved = storedValue<GuestSession>('tableorder.guest.session');

function initial(): GuestState {
  const session = saved.get();
  if (!session || typeof session.token !== 'string' || !session.table) return { kind: 'none' };
  if (Date.parse(session.expiresAt) <= Date.now()) {
    saved.set(null);
    return { kind: 'over', table: session.table, reason: 'ended' };
  }
  return { kind: 'joined', session };
}

const store = createExternalStore<GuestState>(initial());

export const guestSession = {
  store,
  get: () => store.get(),
  token(): string | null {
    const state = store.get();
    return state.kind === 'joined' ? state.session.token : null;
  },
  join(session: GuestSession): void {
    saved.set(session);
    store.set({ kind: 'joined', session });
  },
  /** The server said the token is no good (the visit ended, the code was changed): the phone is out. */
  end(reason: 'ended' | 'revoked'): void {
    const state = store.get();
    saved.set(null);
    store.set({ kind: 'over', table: state.kind === 'joined' ? state.session.table : null, reason });
  },
};

export function useGuestSession(): GuestState {
  return useExternalStore(store);
}

let mode: 'tablet' | 'guest' = 'tablet';

/** Which credentials the app's API calls use: a tablet's (the default) or a guest's phone. */
export const apiMode = {
  get: () => mode,
  set(next: 'tablet' | 'guest') {
    mode = next;
  },
};
