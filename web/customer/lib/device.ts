import type { TableLoginBody, TableLoginResponse } from '../../../contract/auth';
import { ApiError, createApiClient } from '../../shared/api/client';
import { storedValue } from '../../shared/lib/stored';
import { createExternalStore, useExternalStore } from './external-store';

/**
 * The tablet's identity: the credentials staff typed at setup (kept on the device, as the design
 * asks, so the tablet can sign in again by itself) and the current token.
 */
export type DeviceCredentials = TableLoginBody;
export type TableInfo = TableLoginResponse['table'];

interface StoredDevice {
  credentials: DeviceCredentials;
  token: string | null;
  expiresAt: string | null;
  table: TableInfo;
}

/** Where the device was before it lost its credentials, to fill the setup form in again. */
export type PreviousTable = Pick<DeviceCredentials, 'storeCode' | 'tableNumber'>;

export type DeviceState =
  | { kind: 'unconfigured'; notice: 'revoked' | null; previous: PreviousTable | null }
  | { kind: 'ready'; credentials: DeviceCredentials; table: TableInfo; token: string | null; expiresAt: string | null };

const saved = storedValue<StoredDevice>('tableorder.customer.device');
const savedReset = storedValue<{ notice: 'revoked'; previous: PreviousTable }>('tableorder.customer.device-reset');
/** The table this device was last set up for, kept through a reset to tell a move from a repair. */
const savedLastTable = storedValue<string>('tableorder.customer.last-table');

function initialState(): DeviceState {
  const device = saved.get();
  if (device?.credentials && device.table) return { kind: 'ready', ...device };
  const reset = savedReset.get();
  return { kind: 'unconfigured', notice: reset?.notice ?? null, previous: reset?.previous ?? null };
}

const store = createExternalStore<DeviceState>(initialState());
const anonymous = createApiClient({ getToken: () => null });

/** Sign in a little before the token's end rather than spend a request on a certain 401. */
const EXPIRY_MARGIN_MS = 60_000;

/** The device has no valid table credentials any more; staff must set it up again. */
export class DeviceResetError extends Error {
  constructor(readonly reason: ApiError) {
    super('The table credentials are no longer valid');
    this.name = 'DeviceResetError';
  }
}

function save(state: DeviceState) {
  if (state.kind === 'ready') {
    const { kind: _kind, ...rest } = state;
    saved.set(rest);
    savedReset.set(null);
  } else {
    saved.set(null);
    savedReset.set(state.notice && state.previous ? { notice: state.notice, previous: state.previous } : null);
  }
  store.set(state);
}

function login(credentials: DeviceCredentials): Promise<TableLoginResponse> {
  return anonymous.post<TableLoginResponse>('/auth/table/login', credentials, { anonymous: true });
}

/** Answers that say the stored credentials themselves are wrong, not that the server is busy or away. */
function isCredentialFailure(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

let relogin: Promise<string> | null = null;

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
    save({ kind: 'ready', credentials, table: res.table, token: res.token, expiresAt: res.expiresAt });
    savedLastTable.set(res.table.id);
    return res;
  },

  /**
   * Signs in again with the stored credentials (one attempt at a time, shared by every caller).
   * `staleToken` is the token a request was refused with: when another caller has already replaced
   * it, that fresh token is used instead of signing in again.
   */
  async relogin(staleToken?: string | null): Promise<string> {
    const state = store.get();
    if (state.kind !== 'ready') throw new DeviceResetError(new ApiError(401, 'UNAUTHORIZED', 'not set up'));
    const current = device.currentToken();
    if (current && staleToken !== undefined && current !== staleToken) return current;
    relogin ??= (async () => {
      try {
        const res = await login(state.credentials);
        const latest = store.get();
        if (latest.kind === 'ready') {
          save({ ...latest, table: res.table, token: res.token, expiresAt: res.expiresAt });
        }
        return res.token;
      } catch (error) {
        if (isCredentialFailure(error)) {
          const { storeCode, tableNumber } = state.credentials;
          save({ kind: 'unconfigured', notice: 'revoked', previous: { storeCode, tableNumber } });
          throw new DeviceResetError(error);
        }
        throw error;
      } finally {
        relogin = null;
      }
    })();
    return relogin;
  },

  /** A usable token, signing in again first when there is none or it has expired. */
  async ensureToken(): Promise<string> {
    return device.currentToken() ?? device.relogin(null);
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
      save({ ...state, credentials: { ...state.credentials, password }, token: res.token, expiresAt: res.expiresAt });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') return false;
      throw error;
    }
  },
};

export function useDevice(): DeviceState {
  return useExternalStore(store);
}
