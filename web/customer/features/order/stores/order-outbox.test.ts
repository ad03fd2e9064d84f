import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CreateOrderBody, Order } from '@contract/orders';
import { anOrder, aTable, newId } from '@customer/testing/factories';
import type { ApiError } from '@shared/api/client';
import { fakeWindow, MemoryStorage } from '@shared/testing/memory-storage';

const PENDING_KEY = 'tableorder.customer.pending-order';
const NOW = Date.parse('2026-03-01T03:00:00Z');

const table = aTable(3);
const otherTable = aTable(4);
const sessionId = newId();
const items: CreateOrderBody['items'] = [{ menuId: newId(), quantity: 2 }];

let storage: MemoryStorage;
let win: EventTarget;
/** The order endpoint as the tests script it, with each request's idempotency key. */
const placeOrder = vi.fn<(request: { key: string; body: CreateOrderBody }) => Response>();

const accepted = (order: Order) => () => new Response(JSON.stringify(order), { status: 201 });
const refused =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ error: { code, message: code, details: {} } }), { status, headers });
const offline = () => {
  throw new TypeError('Failed to fetch');
};

/** A tablet set up for `forTable` with a valid token, as kept in localStorage. */
function keepReadyDevice(forTable = table) {
  storage.setItem(
    'tableorder.customer.device',
    JSON.stringify({
      place: { storeCode: 'demo', tableNumber: forTable.number },
      password: '1234',
      table: forTable,
      token: 'token-1',
      expiresAt: new Date(NOW + 16 * 3_600_000).toISOString(),
      lock: null,
    }),
  );
}

/** The outbox as a fresh page load finds it, started like the table layout starts it. */
async function loadOutbox() {
  vi.resetModules();
  const { orderOutbox, isDefinitive } = await import('./order-outbox');
  const delivered = vi.fn<(order: Order) => void>();
  const failed = vi.fn<(error: ApiError) => void>();
  orderOutbox.start({ delivered, failed });
  return { outbox: orderOutbox, delivered, failed, isDefinitive };
}

/** node's setImmediate (left real): it runs once every promise callback queued before it has run. */
const { setImmediate: nextTurn } = globalThis as unknown as { setImmediate(callback: () => void): void };

/** Lets every request in flight get its answer (timers stay where they are). */
async function settle() {
  for (let i = 0; i < 10; i += 1) await new Promise<void>((resolve) => nextTurn(resolve));
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  storage = new MemoryStorage();
  win = fakeWindow();
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', win);
  placeOrder.mockReset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/v1/table/orders');
      const headers = init.headers as Record<string, string>;
      return placeOrder({ key: headers['idempotency-key'] ?? '', body: JSON.parse(String(init.body)) });
    }),
  );
  keepReadyDevice();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('order outbox', () => {
  test('a confirmed cart is sent once and delivered', async () => {
    const order = anOrder(table, sessionId, { orderNo: 12, totalAmount: 18_000 });
    placeOrder.mockImplementation(accepted(order));
    const { outbox, delivered } = await loadOutbox();

    expect(outbox.submit(table.id, items)).toBe(true);
    await settle();

    expect(placeOrder).toHaveBeenCalledTimes(1);
    expect(placeOrder.mock.calls[0]?.[0].body).toEqual({ items });
    expect(outbox.store.get()).toMatchObject({ pending: null, phase: 'idle', delivered: order, failure: null });
    expect(delivered).toHaveBeenCalledWith(order);
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('a second confirmation while one is on its way is refused (a double tap)', async () => {
    placeOrder.mockImplementation(offline);
    const { outbox } = await loadOutbox();
    expect(outbox.submit(table.id, items)).toBe(true);
    expect(outbox.submit(table.id, items)).toBe(false);
    await settle();
    expect(placeOrder).toHaveBeenCalledTimes(1);
  });

  test('without network the order waits, is kept, and is resent with the same key until it lands', async () => {
    placeOrder.mockImplementation(offline);
    const { outbox, delivered } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();

    const waiting = outbox.store.get();
    expect(waiting).toMatchObject({ phase: 'waiting', retryAt: NOW + 2_000, waitingSince: NOW });
    expect(storage.json(PENDING_KEY)).toMatchObject({ tableId: table.id, items });

    await vi.advanceTimersByTimeAsync(2_000);
    await settle();
    const order = anOrder(table, sessionId, { orderNo: 13, totalAmount: 18_000 });
    placeOrder.mockImplementation(accepted(order));
    await vi.advanceTimersByTimeAsync(4_000);
    await settle();

    const keys = placeOrder.mock.calls.map(([request]) => request.key);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe(waiting.pending?.key);
    expect(delivered).toHaveBeenCalledWith(order);
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('retries back off from 2 s to at most 30 s; the network coming back sends at once', async () => {
    placeOrder.mockImplementation(offline);
    const { outbox } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { retryAt } = outbox.store.get();
      delays.push((retryAt ?? 0) - Date.now());
      await vi.advanceTimersByTimeAsync((retryAt ?? 0) - Date.now());
      await settle();
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);

    const sent = placeOrder.mock.calls.length;
    win.dispatchEvent(new Event('online'));
    await settle();
    expect(placeOrder).toHaveBeenCalledTimes(sent + 1);
    expect(outbox.store.get().retryAt).toBe(Date.now() + 2_000);
  });

  test('a queued order survives a reload and goes out with its key when the app starts', async () => {
    placeOrder.mockImplementation(offline);
    const first = await loadOutbox();
    first.outbox.submit(table.id, items);
    await settle();
    const key = first.outbox.store.get().pending?.key;

    const order = anOrder(table, sessionId, { orderNo: 14, totalAmount: 18_000 });
    placeOrder.mockImplementation(accepted(order));
    const reloaded = await loadOutbox();
    await settle();
    expect(placeOrder.mock.calls.at(-1)?.[0].key).toBe(key);
    expect(reloaded.delivered).toHaveBeenCalledWith(order);
    expect(reloaded.outbox.store.get().pending).toBeNull();
  });

  test('a definitive refusal drops the order and reports it; the guest fixes the cart', async () => {
    placeOrder.mockImplementation(refused(409, 'MENU_SOLD_OUT'));
    const { outbox, failed, delivered } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();

    const state = outbox.store.get();
    expect(state).toMatchObject({ pending: null, phase: 'idle', failure: { items } });
    expect(state.failure?.error.code).toBe('MENU_SOLD_OUT');
    expect(failed).toHaveBeenCalledTimes(1);
    expect(delivered).not.toHaveBeenCalled();
    expect(storage.getItem(PENDING_KEY)).toBeNull();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(placeOrder).toHaveBeenCalledTimes(1);
    outbox.dismissFailure();
    expect(outbox.store.get().failure).toBeNull();
  });

  test('a rate limit is retried after Retry-After, not dropped', async () => {
    placeOrder.mockImplementation(refused(429, 'RATE_LIMITED', { 'retry-after': '20' }));
    const { outbox, failed } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();
    expect(outbox.store.get()).toMatchObject({ phase: 'waiting', retryAt: NOW + 20_000 });
    expect(outbox.store.get().pending).not.toBeNull();
    expect(failed).not.toHaveBeenCalled();
  });

  test('an order for another table is not sent while the tablet serves this one, and may be dropped', async () => {
    keepReadyDevice(otherTable);
    const { outbox } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();
    expect(placeOrder).not.toHaveBeenCalled();
    expect(outbox.store.get()).toMatchObject({ phase: 'waiting' });

    outbox.discardForOtherTable(table.id);
    expect(outbox.store.get().pending).not.toBeNull();
    outbox.discardForOtherTable(otherTable.id);
    expect(outbox.store.get()).toMatchObject({ pending: null, phase: 'idle', retryAt: null });
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  test('acknowledging the delivered order clears it', async () => {
    placeOrder.mockImplementation(accepted(anOrder(table, sessionId, { orderNo: 1, totalAmount: 1 })));
    const { outbox } = await loadOutbox();
    outbox.submit(table.id, items);
    await settle();
    outbox.acknowledgeDelivered();
    expect(outbox.store.get().delivered).toBeNull();
  });
});

describe('isDefinitive', () => {
  /** The rule and the error class of one module graph (the outbox tests above reload modules). */
  async function load() {
    vi.resetModules();
    const [{ isDefinitive }, client] = await Promise.all([import('./order-outbox'), import('@shared/api/client')]);
    return { isDefinitive, ApiError: client.ApiError };
  }

  test.each([
    [409, 'MENU_SOLD_OUT', true],
    [400, 'VALIDATION_FAILED', true],
    [404, 'NOT_FOUND', true],
    [0, 'NETWORK_ERROR', false],
    [401, 'TOKEN_EXPIRED', false],
    [408, 'REQUEST_TIMEOUT', false],
    [429, 'RATE_LIMITED', false],
    [500, 'INTERNAL_ERROR', false],
    [503, 'SERVICE_UNAVAILABLE', false],
  ] as const)('%i %s → %s', async (status, code, definitive) => {
    const { isDefinitive, ApiError } = await load();
    expect(isDefinitive(new ApiError(status, code, code))).toBe(definitive);
  });

  test('anything but an ApiError (a timeout abort, a bug) is retried', async () => {
    const { isDefinitive } = await load();
    expect(isDefinitive(new DOMException('aborted', 'AbortError'))).toBe(false);
  });
});
