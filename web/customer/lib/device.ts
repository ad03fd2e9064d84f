import type { TableLoginBody, TableLoginResponse } from '@contract/auth';
import { ErrorCodes } from '@contract/errors';
import { ApiError, createApiClient } from '@shared/api/client';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';

/**
 * The tablet's identity: the credentials staff typed at setup (kept on the device, as the design
 * asks, so the tablet can sign in again by itself) and the current token.
 */
export type DeviceCredentials = TableLoginBody;
export type TableInfo = TableLoginResponse['table'];

/** Which table of which store the device was set up for; kept through every lock. */
export type TablePlace = Pick<DeviceCredentials, 'storeCode' | 'tableNumber'>;

/**
 * Why a set-up tablet cannot sign in:
 * - `revoked`: the stored password is refused (changed by staff, or the table was deleted).
 *   Signing in again would only count failures towards the table's lockout, so the tablet waits
 *   for staff.
 * - `inactive`: the store was deactivated; the password is still right, so the tablet keeps it
 *   and tries again now and then.
 * - `unreachable`: no answer, or not a usable one (offline, server down, rate limited); tried again.
 */
export type LockReason = 'revoked' | 'inactive' | 'unreachable';

export type DeviceState =
  | { kind: 'unconfigured' }
  | { kind: 'ready'; credentials: DeviceCredentials; table: TableInfo; token: string | null; expiresAt: string | null }
  | {
      kind: 'locked';
      reason: LockReason;
      place: TablePlace;
      /** The table as the server last described it; unknown for a device locked before it was kept. */
      table: TableInfo | null;
      /** The stored password, dropped once the server refused it. */
      password: string | null;
      /** When the device signs in again by itself (null: it waits for staff). */
      retryAt: number | null;
    };

interface StoredDevice {
  place: TablePlace;
  password: string | null;
  table: TableInfo | null;
  token: string | null;
  expiresAt: string | null;
  lock: LockReason | null;
}

/** Earlier versions kept `credentials` (password included) instead of `place` and `password`. */
interface LegacyDevice {
  credentials?: DeviceCredentials;
  token?: string | null;
  expiresAt?: string | null;
  table?: TableInfo;
}

const saved = storedValue<StoredDevice | LegacyDevice>('tableorder.customer.device');
/** Where an earlier version kept the table of a device whose password was refused. */
const legacyReset = storedValue<{ previous?: TablePlace }>('tableorder.customer.device-reset');
/** The table this device was last set up for, kept through a reset to tell a move from a repair. */
const savedLastTable = storedValue<string>('tableorder.customer.last-table');

/** The stored device, moved over from an earlier version's record (so an update keeps the setup). */
function readStored(): StoredDevice | null {
  const stored = readAnyVersion();
  if (stored) saved.set(stored);
  legacyReset.set(null);
  return stored;
}

function readAnyVersion(): StoredDevice | null {
  const current = saved.get();
  if (current && 'place' in current && current.place) return current;
  const legacy = current as LegacyDevice | null;
  if (legacy?.credentials && legacy.table) {
    const { password, ...place } = legacy.credentials;
    return {
      place,
      password,
      table: legacy.table,
      token: legacy.token ?? null,
      expiresAt: legacy.expiresAt ?? null,
      lock: null,
    };
  }
  const reset = legacyReset.get();
  if (reset?.previous) {
    return { place: reset.previous, password: null, table: null, token: null, expiresAt: null, lock: 'revoked' };
  }
  return null;
}

function toState(stored: StoredDevice | null): DeviceState {
  if (!stored) return { kind: 'unconfigured' };
  const { place, password, table, token, expiresAt, lock } = stored;
  if (!lock && password && table)
    return { kind: 'ready', credentials: { ...place, password }, table, token, expiresAt };
  const reason: LockReason = lock && password ? lock : 'revoked';
  return { kind: 'locked', reason, place, table, password: reason === 'revoked' ? null : password, retryAt: null };
}

function toStored(state: DeviceState): StoredDevice | null {
  if (state.kind === 'unconfigured') return null;
  if (state.kind === 'ready') {
    const { password, ...place } = state.credentials;
    return { place, password, table: state.table, token: state.token, expiresAt: state.expiresAt, lock: null };
  }
  return {
    place: state.place,
    password: state.password,
    table: state.table,
    token: null,
    expiresAt: null,
    lock: state.reason,
  };
}

const store = createExternalStore<DeviceState>(toState(readStored()));
const anonymous = createApiClient({ getToken: () => null });

/** Sign in a little before the token's end rather than spend a request on a certain 401. */
const EXPIRY_MARGIN_MS = 60_000;
/** A deactivated store is checked every half minute: tablets are back within that of its reactivation. */
const INACTIVE_RETRY_MS = 30_000;
/** An unreachable server is tried soon (a blip), then every half minute. */
const UNREACHABLE_RETRY_MS = [5_000, 10_000, 20_000, 30_000];

/** The device cannot sign in (see `LockReason`); the app shows the lock screen instead of the table. */
export class DeviceLockedError extends Error {
  constructor(
    readonly reason: LockReason,
    cause?: unknown,
  ) {
    super(`The table cannot sign in (${reason})`, { cause });
    this.name = 'DeviceLockedError';
  }
}

function save(state: DeviceState) {
  saved.set(toStored(state));
  legacyReset.set(null);
  store.set(state);
}

function login(credentials: DeviceCredentials): Promise<TableLoginResponse> {
  return anonymous.post<TableLoginResponse>('/auth/table/login', credentials, { anonymous: true });
}

/** What a failed sign-in with the stored credentials means for the device. */
function lockReasonOf(error: unknown): LockReason {
  if (!(error instanceof ApiError)) return 'unreachable';
  if (error.status === 403 && error.code === ErrorCodes.storeInactive) return 'inactive';
  if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) return 'revoked';
  return 'unreachable';
}

/** The stored credentials, whatever state the device is in (null when there are none to try). */
function storedCredentials(state: DeviceState): DeviceCredentials | null {
  if (state.kind === 'ready') return state.credentials;
  if (state.kind === 'locked' && state.password) return { ...state.place, password: state.password };
  return null;
}

let signingIn: Promise<string> | null = null;
/** Bumped when staff set new credentials: a sign-in started before must not undo them with its answer. */
let generation = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let unreachableAttempts = 0;

function scheduleRetry(delayMs: number | null) {
  clearTimeout(retryTimer);
  retryTimer = delayMs === null ? undefined : setTimeout(() => void device.retryNow(), delayMs);
}

function lock(state: DeviceState, reason: LockReason, error: unknown) {
  if (state.kind === 'unconfigured') return;
  const place: TablePlace =
    state.kind === 'ready'
      ? { storeCode: state.credentials.storeCode, tableNumber: state.credentials.tableNumber }
      : state.place;
  const password = reason === 'revoked' ? null : (storedCredentials(state)?.password ?? null);
  let delay: number | null = null;
  if (reason === 'inactive') delay = INACTIVE_RETRY_MS;
  if (reason === 'unreachable') {
    const retryAfter = error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : 0;
    const step = UNREACHABLE_RETRY_MS[Math.min(unreachableAttempts, UNREACHABLE_RETRY_MS.length - 1)] ?? 30_000;
    unreachableAttempts += 1;
    delay = Math.max(step, retryAfter);
  }
  save({
    kind: 'locked',
    reason,
    place,
    table: state.table,
    password,
    retryAt: delay === null ? null : Date.now() + delay,
  });
  scheduleRetry(delay);
}

/**
 * Signs in with the stored credentials (one attempt at a time, shared by every caller): the
 * device is ready afterwards, or locked with the reason.
 */
function signInAgain(): Promise<string> {
  signingIn ??= (async () => {
    const state = store.get();
    const credentials = storedCredentials(state);
    if (!credentials) throw new DeviceLockedError('revoked');
    const started = generation;
    try {
      const res = await login(credentials);
      if (started === generation) {
        unreachableAttempts = 0;
        scheduleRetry(null);
        save({ kind: 'ready', credentials, table: res.table, token: res.token, expiresAt: res.expiresAt });
      }
      return res.token;
    } catch (error) {
      const reason = lockReasonOf(error);
      if (started === generation) lock(state, reason, error);
      throw new DeviceLockedError(reason, error);
    } finally {
      signingIn = null;
    }
  })();
  return signingIn;
}

export const device = {
  store,
  state: () => store.get(),

  lastTableId: (): string | null => {
    const state = store.get();
    return state.kind === 'ready' ? state.table.id : savedLastTable.get();
  },

  /** The current token if it is not about to expire. */
  currentToken(): string | null {
    const state = store.get();
    if (state.kind !== 'ready' || !state.token || !state.expiresAt) return null;
    return Date.parse(state.expiresAt) - EXPIRY_MARGIN_MS > Date.now() ? state.token : null;
  },

  /** Setup: signs in with what staff typed and keeps it on the device. */
  async setup(credentials: DeviceCredentials): Promise<TableLoginResponse> {
    const res = await login(credentials);
    generation += 1;
    unreachableAttempts = 0;
    scheduleRetry(null);
    save({ kind: 'ready', credentials, table: res.table, token: res.token, expiresAt: res.expiresAt });
    savedLastTable.set(res.table.id);
    return res;
  },

  /**
   * Signs in again with the stored credentials. `staleToken` is the token a request was refused
   * with: when another caller has already replaced it, that fresh token is used instead.
   * Rejects with `DeviceLockedError` when the device could not sign in (and is locked now).
   */
  async relogin(staleToken?: string | null): Promise<string> {
    const current = device.currentToken();
    if (current && staleToken !== undefined && current !== staleToken) return current;
    const state = store.get();
    if (state.kind !== 'ready') throw new DeviceLockedError(state.kind === 'locked' ? state.reason : 'revoked');
    return signInAgain();
  },

  /** A usable token, signing in again first when there is none or it has expired. */
  async ensureToken(): Promise<string> {
    return device.currentToken() ?? device.relogin(null);
  },

  /** A locked device with its credentials tries to sign in now (the lock screen's button, a timer). */
  async retryNow(): Promise<void> {
    const state = store.get();
    if (state.kind !== 'locked' || !state.password) return;
    await signInAgain().catch(() => {});
  },

  /**
   * The hidden staff gesture: proves the person knows this table's password by signing in with
   * it. A wrong password leaves the device as it is.
   */
  async verifyPassword(password: string): Promise<boolean> {
    const state = store.get();
    if (state.kind !== 'ready') return true;
    try {
      const res = await login({ ...state.credentials, password });
      generation += 1;
      save({ ...state, credentials: { ...state.credentials, password }, token: res.token, expiresAt: res.expiresAt });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCodes.invalidCredentials) return false;
      throw error;
    }
  },
};

// A tablet that was locked with its credentials (a reload, a restart) tries again at once, and
// whenever the network comes back.
if (typeof window !== 'undefined') {
  if (store.get().kind === 'locked') void device.retryNow();
  window.addEventListener('online', () => void device.retryNow());
}

export function useDevice(): DeviceState {
  return useExternalStore(store);
}
