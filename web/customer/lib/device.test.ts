import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TableLoginBody } from '@contract/auth';
import { aTable } from '@customer/testing/factories';
import { MemoryStorage } from '@shared/testing/memory-storage';

const DEVICE_KEY = 'tableorder.customer.device';
const NOW = Date.parse('2026-03-01T03:00:00Z');
const HOUR = 3_600_000;

const table = aTable(3);
const credentials: TableLoginBody = { storeCode: 'demo', tableNumber: 3, password: '1234' };

let storage: MemoryStorage;
/** The sign-in endpoint as the tests script it: each call gets the next answer. */
const login = vi.fn<(body: TableLoginBody) => Response | Promise<Response>>();

const signedIn =
  (token = 'token-1', hours = 16) =>
  () =>
    new Response(JSON.stringify({ token, expiresAt: new Date(Date.now() + hours * HOUR).toISOString(), table }), {
      status: 200,
    });
const refused =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ error: { code, message: code, details: {} } }), { status, headers });
const offline = () => {
  throw new TypeError('Failed to fetch');
};

/** The device module as a fresh page load finds it. */
async function loadDevice() {
  vi.resetModules();
  return import('./device');
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  login.mockReset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/v1/auth/table/login');
      return login(JSON.parse(String(init.body)) as TableLoginBody);
    }),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('setup', () => {
  test('a device never set up is unconfigured', async () => {
    const { device } = await loadDevice();
    expect(device.state()).toEqual({ kind: 'unconfigured' });
    expect(device.currentToken()).toBeNull();
  });

  test('setup signs in and keeps the credentials, so the next page load is ready', async () => {
    login.mockImplementation(signedIn('token-1'));
    const { device } = await loadDevice();
    await device.setup(credentials);
    expect(login).toHaveBeenCalledWith(credentials);
    expect(device.state()).toMatchObject({ kind: 'ready', credentials, table, token: 'token-1' });
    expect(device.lastTableId()).toBe(table.id);

    const reloaded = (await loadDevice()).device;
    expect(reloaded.state()).toMatchObject({ kind: 'ready', credentials, token: 'token-1' });
  });

  test('a refused setup keeps the device as it was', async () => {
    login.mockImplementation(refused(401, 'INVALID_CREDENTIALS'));
    const { device } = await loadDevice();
    await expect(device.setup(credentials)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(device.state().kind).toBe('unconfigured');
  });
});

describe('tokens', () => {
  async function readyDevice(hours = 16) {
    login.mockImplementationOnce(signedIn('token-1', hours));
    const loaded = await loadDevice();
    await loaded.device.setup(credentials);
    return loaded;
  }

  test('a token about to expire is not used; the device signs in again first, once for all callers', async () => {
    const { device } = await readyDevice(1);
    expect(device.currentToken()).toBe('token-1');
    vi.advanceTimersByTime(HOUR - 30_000);
    expect(device.currentToken()).toBeNull();

    login.mockImplementation(signedIn('token-2'));
    const tokens = await Promise.all([device.ensureToken(), device.ensureToken(), device.ensureToken()]);
    expect(tokens).toEqual(['token-2', 'token-2', 'token-2']);
    expect(login).toHaveBeenCalledTimes(2);
  });

  test('a request refused with a token another caller already replaced uses the new one', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(signedIn('token-2'));
    await device.relogin('token-1');
    expect(await device.relogin('token-1')).toBe('token-2');
    expect(login).toHaveBeenCalledTimes(2);
  });

  test('new credentials set during a sign-in are not undone by its late answer', async () => {
    const { device } = await readyDevice();
    let answerLate: (response: Response) => void = () => {};
    login.mockImplementationOnce(() => new Promise((resolve) => (answerLate = resolve)));
    const stale = device.relogin('token-1');

    const moved = { ...credentials, tableNumber: 4 };
    login.mockImplementationOnce(signedIn('token-moved'));
    await device.setup(moved);
    answerLate(signedIn('token-stale')());
    await stale;
    expect(device.state()).toMatchObject({ kind: 'ready', credentials: moved, token: 'token-moved' });
  });

  test('nor locked by its late refusal', async () => {
    const { device } = await readyDevice();
    let answerLate: (response: Response) => void = () => {};
    login.mockImplementationOnce(() => new Promise((resolve) => (answerLate = resolve)));
    const stale = device.relogin('token-1').catch(() => {});

    const moved = { ...credentials, tableNumber: 4 };
    login.mockImplementationOnce(signedIn('token-moved'));
    await device.setup(moved);
    answerLate(refused(401, 'INVALID_CREDENTIALS')());
    await stale;
    expect(device.state()).toMatchObject({ kind: 'ready', credentials: moved, token: 'token-moved' });
  });
});

describe('locking', () => {
  async function readyDevice() {
    login.mockImplementationOnce(signedIn('token-1'));
    const loaded = await loadDevice();
    await loaded.device.setup(credentials);
    return loaded;
  }

  test('a refused password (changed by staff) locks for staff: password dropped, no retry', async () => {
    const { device, DeviceLockedError } = await readyDevice();
    login.mockImplementation(refused(401, 'INVALID_CREDENTIALS'));
    const error = await device.relogin('token-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceLockedError);
    expect(error).toMatchObject({ reason: 'revoked' });
    expect(device.state()).toEqual({
      kind: 'locked',
      reason: 'revoked',
      place: { storeCode: 'demo', tableNumber: 3 },
      table,
      password: null,
      retryAt: null,
    });
    expect(JSON.stringify(storage.json(DEVICE_KEY))).not.toContain('1234');

    vi.advanceTimersByTime(24 * HOUR);
    await device.retryNow();
    expect(login).toHaveBeenCalledTimes(2);
    await expect(device.ensureToken()).rejects.toBeInstanceOf(DeviceLockedError);
  });

  test('a deactivated store locks as inactive, keeps the password and tries again every half minute', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(refused(403, 'STORE_INACTIVE'));
    await device.relogin('token-1').catch(() => {});
    expect(device.state()).toMatchObject({
      kind: 'locked',
      reason: 'inactive',
      password: '1234',
      retryAt: Date.now() + 30_000,
    });

    await vi.advanceTimersByTimeAsync(30_000);
    expect(login).toHaveBeenCalledTimes(3);
    expect(device.state()).toMatchObject({ kind: 'locked', reason: 'inactive' });

    login.mockImplementation(signedIn('token-back'));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(device.state()).toMatchObject({ kind: 'ready', credentials, token: 'token-back' });
  });

  test('an unreachable server locks as unreachable and is tried again soon, then less often', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(offline);
    await device.relogin('token-1').catch(() => {});
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const state = device.state();
      if (state.kind !== 'locked' || state.retryAt === null) throw new Error('expected a scheduled retry');
      expect(state.reason).toBe('unreachable');
      expect(state.password).toBe('1234');
      delays.push(state.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(state.retryAt - Date.now());
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);

    login.mockImplementation(signedIn('token-back'));
    await device.retryNow();
    expect(device.state().kind).toBe('ready');
  });

  test('rate limited: Retry-After is honoured when longer than the step', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(refused(429, 'RATE_LIMITED', { 'retry-after': '90' }));
    await device.relogin('token-1').catch(() => {});
    expect(device.state()).toMatchObject({ kind: 'locked', reason: 'unreachable', retryAt: Date.now() + 90_000 });
  });

  test('a server error is a blip (unreachable), not a refused password', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(refused(500, 'INTERNAL_ERROR'));
    await device.relogin('token-1').catch(() => {});
    expect(device.state()).toMatchObject({ kind: 'locked', reason: 'unreachable', password: '1234' });
  });

  test('a locked device keeps its lock through a reload', async () => {
    const { device } = await readyDevice();
    login.mockImplementation(refused(403, 'STORE_INACTIVE'));
    await device.relogin('token-1').catch(() => {});
    const reloaded = (await loadDevice()).device;
    expect(reloaded.state()).toMatchObject({ kind: 'locked', reason: 'inactive', password: '1234', table });
  });
});

describe('the staff check', () => {
  test('a wrong password answers false and changes nothing; the right one answers true', async () => {
    login.mockImplementationOnce(signedIn('token-1'));
    const { device } = await loadDevice();
    await device.setup(credentials);
    const before = device.state();

    login.mockImplementationOnce(refused(401, 'INVALID_CREDENTIALS'));
    expect(await device.verifyPassword('0000')).toBe(false);
    expect(device.state()).toBe(before);

    login.mockImplementationOnce(signedIn('token-2'));
    expect(await device.verifyPassword('1234')).toBe(true);
    expect(device.currentToken()).toBe('token-2');
  });

  test('a check that cannot reach the server is an error, not a wrong password', async () => {
    login.mockImplementationOnce(signedIn('token-1'));
    const { device } = await loadDevice();
    await device.setup(credentials);
    login.mockImplementationOnce(offline);
    await expect(device.verifyPassword('1234')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('records of earlier versions', () => {
  test('a device kept with its credentials in one field is still set up', async () => {
    storage.setItem(
      DEVICE_KEY,
      JSON.stringify({ credentials, token: 'old', expiresAt: new Date(NOW + HOUR).toISOString(), table }),
    );
    const { device } = await loadDevice();
    expect(device.state()).toMatchObject({ kind: 'ready', credentials, table, token: 'old' });
    expect(storage.json(DEVICE_KEY)).toMatchObject({ place: { storeCode: 'demo', tableNumber: 3 }, lock: null });
  });

  test('a device an earlier version reset after a refused password waits for staff', async () => {
    storage.setItem(
      'tableorder.customer.device-reset',
      JSON.stringify({ previous: { storeCode: 'demo', tableNumber: 3 } }),
    );
    const { device } = await loadDevice();
    expect(device.state()).toMatchObject({ kind: 'locked', reason: 'revoked', password: null });
    expect(storage.getItem('tableorder.customer.device-reset')).toBeNull();
  });
});
