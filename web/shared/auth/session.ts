import { useSyncExternalStore } from 'react';
import { storedValue } from '../lib/stored';

export interface StoredSession<P> {
  token: string;
  expiresAt: string;
  principal: P;
}

/** Why a session ended without the user signing out, so the sign-in screen can say so. */
export type SignOutReason = 'expired' | 'unauthorized' | null;

/** setTimeout overflows past ~24.8 days; tokens live hours, but clamp anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A signed-in session kept in localStorage until its token expires: it survives reloads, ends by
 * itself at `expiresAt`, and a sign-out in one tab signs the other tabs out too.
 */
export function createSessionStore<P>(key: string) {
  const stored = storedValue<StoredSession<P>>(key);
  const listeners = new Set<() => void>();
  let reason: SignOutReason = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const isLive = (s: StoredSession<P> | null): s is StoredSession<P> =>
    !!s && typeof s.token === 'string' && Date.parse(s.expiresAt) > Date.now();

  let current = stored.get();
  if (current && !isLive(current)) {
    stored.set(null);
    current = null;
    reason = 'expired';
  }

  function emit() {
    for (const listener of listeners) listener();
  }

  function schedule() {
    clearTimeout(timer);
    if (!current) return;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(current.expiresAt) - Date.now()));
    timer = setTimeout(() => {
      if (current && !isLive(current)) signOut('expired');
      else schedule();
    }, ms);
  }

  function signIn(session: StoredSession<P>) {
    current = session;
    reason = null;
    stored.set(session);
    schedule();
    emit();
  }

  function signOut(why: SignOutReason = null) {
    if (!current && why === null) return;
    current = null;
    reason = why;
    stored.set(null);
    clearTimeout(timer);
    emit();
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== key) return;
      const next = stored.get();
      current = isLive(next) ? next : null;
      schedule();
      emit();
    });
  }
  schedule();

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    get: () => current,
    token: () => (isLive(current) ? current.token : null),
    signIn,
    signOut,
    /** Why the last session ended (expired, revoked); read by the sign-in screen. */
    reason: () => reason,
    subscribe,
    useSession: () => useSyncExternalStore(subscribe, () => current),
  };
}

export type SessionStore<P> = ReturnType<typeof createSessionStore<P>>;
