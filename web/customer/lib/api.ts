import { ApiError, createApiClient, type RequestOptions } from '@shared/api/client';
import { device } from './device';

const client = createApiClient({ getToken: () => device.currentToken() });

/**
 * Every table call goes through here: a missing or expired token is renewed first, and a 401
 * (token revoked, e.g. the table password changed, or expired in flight) signs in again with the
 * stored credentials and repeats the call once — guests never see a sign-in screen. When signing
 * in fails, the device locks (see `device`) and the call rejects with `DeviceLockedError`.
 */
async function withToken<T>(call: () => Promise<T>): Promise<T> {
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
};
