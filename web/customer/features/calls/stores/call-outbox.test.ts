import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Call, CreateCallBody } from '@contract/calls';
import { aTable, newId } from '@customer/testing/factories';
import { fakeWindow, MemoryStorage } from '@shared/testing/memory-storage';

const PENDING_KEY = 'tableorder.customer.pending-call';
const NOW = Date.parse('2026-03-01T03:00:00Z');
const table = aTable(3);
const water = newId();

let storage: MemoryStorage;
let win: EventTarget;
/** The call endpoint as the tests script it, with each request's idempotency key. */
const postCall = vi.fn<(request: { key: string; body: CreateCallBody }) => Response>();
const listCalls = vi.fn<() => Response>();

const aCall = (fields: Partial<Call> = {}): Call => ({
  id: newId(),
  tableId: table.id,
  tableNumber: table.number,
  reasons: ['물'],
  note: null,
  status: 'open',
  createdAt: new Date(NOW).toISOString(),
  doneAt: null,
  doneBy: null,
  pressCount: 1,
  ...fields,
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const offline = () => {
  throw new TypeError('Failed to fetch');
};

function keepReadyDevice() {
  storage.setItem(
    'tableorder.customer.device',
    JSON.stringify({
      place: { storeCode: 'demo', tableNumber: table.number },
      password: '1234',
      table,
      token: 'token-1',
      expiresAt: new Date(NOW + 16 * 3_600_000).toISOString(),
      lock: null,
    }),
  );
}

async function loadOutbox() {
  vi.resetModules();
  const { callOutbox } = await import('./call-outbox');
  const { callBanner } = await import('./call-state');
  const presetsChanged = vi.fn();
  callOutbox.start(table.id, { presetsChanged });
  return { outbox: callOutbox, presetsChanged, banner: () => callBanner(callOutbox.store.get(), Date.now()) };
}

const { setImmediate: nextTurn } = globalThis as unknown as { setImmediate(callback: () => void): void };
async function settle() {
  for (let i = 0; i < 10; i += 1) await new Promise<void>((resolve) => nextTurn(resolve));
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  storage = new MemoryStorage();
  win = fakeWindow();
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', win);
  postCall.mockReset();
  listCalls.mockReset();
  listCalls.mockImplementation(() => json(200, { calls: [] }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/v1/table/calls');
      if ((init.method ?? 'GET') === 'GET') return listCalls();
      const headers = init.headers as Record<string, string>;
      return postCall({ key: headers['idempotency-key'] ?? '', body: JSON.parse(String(init.body)) });
    }),
  );
  keepReadyDevice();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the call outbox', () => {
  test('sends a call and shows it as called', async () => {
    const call = aCall();
    postCall.mockImplementation(() => json(201, call));
    const { outbox, banner } = await loadOutbox();
    expect(outbox.submit(table.id, { reasonIds: [water] }, ['물'])).toBe(true);
    await settle();
    expect(postCall).toHaveBeenCalledTimes(1);
    expect(postCall.mock.calls[0]![0].body).toEqual({ reasonIds: [water] });
    expect(banner()).toEqual({ kind: 'called', call });
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('keeps a call made offline, across a reload, and resends it with the same key once online', async () => {
    postCall.mockImplementation(offline);
    const first = await loadOutbox();
    first.outbox.submit(table.id, { reasonIds: [water], note: '물 2병' }, ['물']);
    await settle();
    expect(first.banner()).toMatchObject({ kind: 'waiting', labels: ['물'], sending: false });
    const key = postCall.mock.calls[0]![0].key;
    expect(JSON.parse(storage.getItem(PENDING_KEY)!)).toMatchObject({ key, labels: ['물'] });
    // A second call while the first waits is not taken.
    expect(first.outbox.submit(table.id, { reasonIds: [] }, [])).toBe(false);

    // The page reloads, still offline; then the connection comes back.
    const call = aCall({ note: '물 2병' });
    const second = await loadOutbox();
    await settle();
    expect(second.banner()).toMatchObject({ kind: 'waiting' });
    postCall.mockImplementation(() => json(201, call));
    win.dispatchEvent(new Event('online'));
    await settle();
    expect(postCall.mock.calls.map((c) => c[0].key).every((k) => k === key)).toBe(true);
    expect(postCall.mock.calls.at(-1)![0].body).toEqual({ reasonIds: [water], note: '물 2병' });
    expect(second.banner()).toEqual({ kind: 'called', call });
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('retries by itself with backoff while the server cannot be reached', async () => {
    postCall.mockImplementation(() => json(503, { error: { code: 'SERVICE_UNAVAILABLE', message: '', details: {} } }));
    const { outbox } = await loadOutbox();
    outbox.submit(table.id, { reasonIds: [] }, []);
    await settle();
    expect(postCall).toHaveBeenCalledTimes(1);
    postCall.mockImplementation(() => json(201, aCall()));
    await vi.advanceTimersByTimeAsync(2_000);
    await settle();
    expect(postCall).toHaveBeenCalledTimes(2);
    expect(outbox.store.get()).toMatchObject({ pending: null, current: { status: 'open' } });
  });

  test('tells the guest when the table has called too often, and asks for the presets again when one is gone', async () => {
    const error = (code: string, status: number) => json(status, { error: { code, message: code, details: {} } });
    postCall.mockImplementation(() => error('RATE_LIMITED', 429));
    const { outbox, banner, presetsChanged } = await loadOutbox();
    outbox.submit(table.id, { reasonIds: [] }, []);
    await settle();
    expect(banner()).toEqual({ kind: 'refused', code: 'RATE_LIMITED' });
    expect(postCall).toHaveBeenCalledTimes(1);
    expect(presetsChanged).not.toHaveBeenCalled();

    postCall.mockImplementation(() => error('VALIDATION_FAILED', 400));
    outbox.submit(table.id, { reasonIds: [water] }, ['물']);
    await settle();
    expect(banner()).toEqual({ kind: 'refused', code: 'VALIDATION_FAILED' });
    expect(presetsChanged).toHaveBeenCalledTimes(1);
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('learns "seen" from the live event, and shows after a reload the call still open', async () => {
    const call = aCall();
    listCalls.mockImplementation(() => json(200, { calls: [call] }));
    const { outbox, banner } = await loadOutbox();
    await settle();
    expect(banner()).toEqual({ kind: 'called', call });
    outbox.applyCall({ ...call, status: 'done', doneAt: new Date(NOW).toISOString() }, table.id);
    expect(banner()).toMatchObject({ kind: 'seen', call: { id: call.id } });
    // The guests leave: a handled call is not shown to the next ones.
    outbox.visitEnded();
    expect(banner()).toBeNull();
  });
});
