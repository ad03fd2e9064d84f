import { ApiError, createApiClient, type RequestOptions } from '@shared/api/client';
import { device } from './device';
import { apiMode, guestSession } from './guest-session';

const client = createApiClient({
  getToken: () => (apiMode.get() === 'guest' ? guestSession.token() : device.currentToken()),
});

/**
 * A guest's phone has nothing to sign in again with: a 401 means its visit is over (or the table's
 * code was changed), and the phone shows so instead of retrying.
 */
async function asGuest<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      guestSession.end(error.code === 'SESSION_ENDED' ? 'ended' : 'revoked');
    }
    throw error;
  }
}

/**
 * Every table call goes through here: a missing or expired token is renewed first, and a 401
 * (token revoked, e.g. the table password changed, or expired in flight) signs in again with the
 * stored credentials and repeats the call once — guests never see a sign-in screen. When signing
 * in fails, the device locks (see `device`) and the call rejects with `DeviceLockedError`.
 */
async function withToken<T>(call: () => Promise<T>): Promise<T> {
  if (apiMode.get() === 'guest') return asGuest(call);
  const token = await device.ensureToken();
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await device.relogin(token);
    return call();
  }
}

export const api = {
  get: <T>(path: string, init?: RequestOptions) => withToken(() => client.get<T>(path, init)),
  post: <T>(path: string, body?: unknown, init?: RequestOptions) => withToken(() => client.post<T>(path, body, init)),
  patch: <T>(path: string, body?: unknown, init?: RequestOptions) => withToken(() => client.patch<T>(path, body, init)),
  delete: <T>(path: string, init?: RequestOptions) => withToken(() => client.delete<T>(path, init)),
};

/** Calls made without any credential (a guest's phone signing in with the table's code). */
export const anonymousApi = {
  post: <T>(path: string, body?: unknown) => client.post<T>(path, body, { anonymous: true }),
};
