import type { QueryClient } from '@tanstack/react-query';
import { ErrorCodes } from '@contract/errors';
import { type ApiClient, createApiClient } from '../api/client';
import { createQueryClient } from '../api/query-client';
import { createExternalStore, useExternalStore } from '../lib/external-store';
import { storedValue } from '../lib/stored';

export interface StoredSession<P> {
  token: string;
  expiresAt: string;
  principal: P;
}

/** Why a session ended without the user signing out, so the sign-in screen can say so. */
export type SignOutReason = 'expired' | 'unauthorized' | null;

interface SessionState<P> {
  session: StoredSession<P> | null;
  reason: SignOutReason;
}

/** setTimeout overflows past ~24.8 days; tokens live hours, but clamp anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A signed-in session kept in localStorage under `key` until its token expires: it survives
 * reloads, ends by itself at `expiresAt` (reason `expired`), and a sign-out or sign-in in one tab
 * reaches the other tabs too.
 */
export function createSessionStore<P>(key: string) {
  const stored = storedValue<StoredSession<P>>(key);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const isLive = (s: StoredSession<P> | null): s is StoredSession<P> =>
    !!s && typeof s.token === 'string' && Date.parse(s.expiresAt) > Date.now();

  const saved = stored.get();
  if (saved && !isLive(saved)) stored.set(null);
  const store = createExternalStore<SessionState<P>>(
    isLive(saved) ? { session: saved, reason: null } : { session: null, reason: saved ? 'expired' : null },
  );
  const current = () => store.get().session;

  function schedule() {
    clearTimeout(timer);
    const session = current();
    if (!session) return;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(session.expiresAt) - Date.now()));
    timer = setTimeout(() => {
      const now = current();
      if (now && !isLive(now)) signOut('expired');
      else schedule();
    }, ms);
  }

  function signIn(session: StoredSession<P>) {
    stored.set(session);
    store.set({ session, reason: null });
    schedule();
  }

  function signOut(why: SignOutReason = null) {
    if (!current() && why === null) return;
    stored.set(null);
    clearTimeout(timer);
    store.set({ session: null, reason: why });
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== key) return;
      const next = stored.get();
      store.set({ session: isLive(next) ? next : null, reason: store.get().reason });
      schedule();
    });
  }
  schedule();

  return {
    get: current,
    token: () => {
      const session = current();
      return isLive(session) ? session.token : null;
    },
    signIn,
    signOut,
    /** Why the last session ended (expired, revoked); read by the sign-in screen. */
    reason: () => store.get().reason,
    subscribe: store.subscribe,
    useSession: () => useExternalStore(store, (state) => state.session),
  };
}

export type SessionStore<P> = ReturnType<typeof createSessionStore<P>>;

/** What a staff sign-in answers (contract/auth.ts): the token, when it ends, and who signed in. */
export interface SignInAnswer<P> {
  token: string;
  expiresAt: string;
  admin: P;
}

export interface StaffSessionOptions<P> {
  /** Where the session is kept in localStorage; one key per app, so both apps stay signed in side by side. */
  storageKey: string;
  /** The API path that signs in, below /api/v1 (`/auth/admin/login`). */
  signInPath: string;
  /** Whose data the query cache holds (a store and an account, say): when it changes, the cache is emptied. */
  owner: (principal: P) => string;
}

export interface StaffSession<P, Body> {
  session: SessionStore<P>;
  /** The app's API client: every call carries the session's token, and a 401 ends the session. */
  api: ApiClient;
  queryClient: QueryClient;
  /** Signs in with `Body` at `signInPath` and starts the session with a cache of its own. */
  signIn(body: Body): Promise<SignInAnswer<P>>;
}

/**
 * Everything a staff app (store admin, super-admin) needs to be signed in: the kept session, the
 * API client that carries its token, the query cache, and signing in. A 401 from any call ends
 * the session (`expired` for an expired token, `unauthorized` otherwise), which shows sign-in.
 * Cached data never outlives the session that fetched it: when the signed-in owner changes —
 * a sign-out here, or another account signed in from another tab — the cache is emptied.
 */
export function createStaffSession<P, Body>(options: StaffSessionOptions<P>): StaffSession<P, Body> {
  const session = createSessionStore<P>(options.storageKey);
  const queryClient = createQueryClient();
  const api = createApiClient({
    getToken: session.token,
    onUnauthorized: (error) => session.signOut(error.code === ErrorCodes.tokenExpired ? 'expired' : 'unauthorized'),
  });

  const ownerNow = () => {
    const current = session.get();
    return current ? options.owner(current.principal) : null;
  };
  let owner = ownerNow();
  session.subscribe(() => {
    const next = ownerNow();
    if (next !== owner) queryClient.clear();
    owner = next;
  });

  async function signIn(body: Body): Promise<SignInAnswer<P>> {
    const answer = await api.post<SignInAnswer<P>>(options.signInPath, body, { anonymous: true });
    queryClient.clear();
    session.signIn({ token: answer.token, expiresAt: answer.expiresAt, principal: answer.admin });
    return answer;
  }

  return { session, api, queryClient, signIn };
}
