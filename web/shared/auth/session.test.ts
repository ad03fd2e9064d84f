import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeWindow, MemoryStorage, storageEvent } from '../testing/memory-storage';
import { createSessionStore, createStaffSession, type StoredSession } from './session';

interface Principal {
  id: string;
  storeId: string;
}

const KEY = 'tableorder.test.session';
const NOW = Date.parse('2026-03-01T03:00:00Z');
const HOUR = 3_600_000;

const sessionOf = (id: string, storeId = 'store-1', hours = 16): StoredSession<Principal> => ({
  token: `token-${id}`,
  expiresAt: new Date(NOW + hours * HOUR).toISOString(),
  principal: { id, storeId },
});

let storage: MemoryStorage;
beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createSessionStore', () => {
  test('signed out at first, with no reason to give', () => {
    const store = createSessionStore<Principal>(KEY);
    expect(store.get()).toBeNull();
    expect(store.token()).toBeNull();
    expect(store.reason()).toBeNull();
  });

  test('sign-in keeps the session, survives a reload, and notifies', () => {
    const store = createSessionStore<Principal>(KEY);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signIn(sessionOf('kim'));
    expect(store.token()).toBe('token-kim');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(createSessionStore<Principal>(KEY).get()?.principal.id).toBe('kim');
  });

  test('a kept session that expired while the app was closed reads as expired', () => {
    storage.setItem(KEY, JSON.stringify(sessionOf('kim', 'store-1', -1)));
    const store = createSessionStore<Principal>(KEY);
    expect(store.get()).toBeNull();
    expect(store.reason()).toBe('expired');
    expect(storage.getItem(KEY)).toBeNull();
  });

  test('the session ends by itself when its token expires', () => {
    const store = createSessionStore<Principal>(KEY);
    store.signIn(sessionOf('kim', 'store-1', 2));
    vi.advanceTimersByTime(2 * HOUR - 1_000);
    expect(store.token()).toBe('token-kim');
    vi.advanceTimersByTime(2_000);
    expect(store.get()).toBeNull();
    expect(store.reason()).toBe('expired');
    expect(storage.getItem(KEY)).toBeNull();
  });

  test('signing out forgets the session; a reason is kept for the sign-in screen', () => {
    const store = createSessionStore<Principal>(KEY);
    store.signIn(sessionOf('kim'));
    store.signOut('unauthorized');
    expect(store.get()).toBeNull();
    expect(store.reason()).toBe('unauthorized');
    expect(storage.getItem(KEY)).toBeNull();
    store.signIn(sessionOf('lee'));
    expect(store.reason()).toBeNull();
  });

  test('signing out when signed out, without a reason, notifies nobody', () => {
    const store = createSessionStore<Principal>(KEY);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signOut();
    expect(listener).not.toHaveBeenCalled();
  });

  test('a sign-out or sign-in in another tab reaches this one', () => {
    const win = fakeWindow();
    vi.stubGlobal('window', win);
    const store = createSessionStore<Principal>(KEY);
    store.signIn(sessionOf('kim'));

    storage.removeItem(KEY);
    win.dispatchEvent(storageEvent(KEY));
    expect(store.get()).toBeNull();

    storage.setItem(KEY, JSON.stringify(sessionOf('lee')));
    win.dispatchEvent(storageEvent(KEY));
    expect(store.get()?.principal.id).toBe('lee');

    // Another key's event: this session is not read again, whatever its storage holds now.
    storage.removeItem(KEY);
    win.dispatchEvent(storageEvent('some.other.key'));
    expect(store.get()?.principal.id).toBe('lee');
  });

  test('an expired session written by another tab is not taken', () => {
    const win = fakeWindow();
    vi.stubGlobal('window', win);
    const store = createSessionStore<Principal>(KEY);
    storage.setItem(KEY, JSON.stringify(sessionOf('kim', 'store-1', -1)));
    win.dispatchEvent(storageEvent(KEY));
    expect(store.get()).toBeNull();
  });
});

describe('createStaffSession', () => {
  const answer = (status: number, body: unknown) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  function staff() {
    return createStaffSession<Principal, { username: string }>({
      storageKey: KEY,
      signInPath: '/auth/test/login',
      owner: (p) => `${p.storeId}/${p.id}`,
    });
  }

  test('signs in at its path, anonymously, and starts the session', async () => {
    const s = sessionOf('kim');
    const fetch = answer(200, { token: s.token, expiresAt: s.expiresAt, admin: s.principal });
    vi.stubGlobal('fetch', fetch);
    const app = staff();
    await app.signIn({ username: 'kim' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/test/login');
    expect(init.headers).not.toHaveProperty('authorization');
    expect(app.session.get()).toEqual(s);
  });

  test('calls carry the token; a 401 ends the session as unauthorized, an expired token as expired', async () => {
    const app = staff();
    app.session.signIn(sessionOf('kim'));
    const unauthorized = answer(401, { error: { code: 'UNAUTHORIZED', message: 'no', details: {} } });
    vi.stubGlobal('fetch', unauthorized);
    await expect(app.api.get('/admin/dashboard')).rejects.toMatchObject({ status: 401 });
    const [, init] = unauthorized.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ authorization: 'Bearer token-kim' });
    expect(app.session.get()).toBeNull();
    expect(app.session.reason()).toBe('unauthorized');

    app.session.signIn(sessionOf('kim'));
    vi.stubGlobal('fetch', answer(401, { error: { code: 'TOKEN_EXPIRED', message: 'old', details: {} } }));
    await expect(app.api.get('/admin/dashboard')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(app.session.reason()).toBe('expired');
  });

  test('a refused sign-in leaves the session signed out and does not count as a 401 of the session', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'INVALID_CREDENTIALS', message: 'no', details: {} } }));
    const app = staff();
    await expect(app.signIn({ username: 'kim' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(app.session.get()).toBeNull();
    expect(app.session.reason()).toBeNull();
  });

  test('cached data goes when the owner changes, and stays when the same owner signs in again', () => {
    const app = staff();
    app.session.signIn(sessionOf('kim'));
    app.queryClient.setQueryData(['admin', 'dashboard'], { tables: [] });

    app.session.signIn(sessionOf('kim'));
    expect(app.queryClient.getQueryData(['admin', 'dashboard'])).toEqual({ tables: [] });

    app.session.signIn(sessionOf('kim', 'store-2'));
    expect(app.queryClient.getQueryData(['admin', 'dashboard'])).toBeUndefined();

    app.queryClient.setQueryData(['admin', 'dashboard'], { tables: [] });
    app.session.signOut();
    expect(app.queryClient.getQueryData(['admin', 'dashboard'])).toBeUndefined();
  });
});
