import type { CreateOrderBody, Order } from '@contract/orders';
import { device } from '@customer/lib/device';
import { ApiError } from '@shared/api/client';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';
import { createOrder, newIdempotencyKey } from '../api/create-order';

/** A confirmed cart on its way to the server, persisted until the server answers definitively. */
export interface PendingOrder {
  key: string;
  tableId: string;
  items: CreateOrderBody['items'];
  /** The shared cart's version the lines were read from: the order is that cart (see CreateOrderBody). */
  cartVersion?: number;
  /** The guest's request about the whole order, for the kitchen. */
  note?: string;
  confirmedAt: string;
}

export interface OutboxState {
  pending: PendingOrder | null;
  /** `waiting`: the last attempt could not reach the server (or it was down); a retry is scheduled. */
  phase: 'idle' | 'sending' | 'waiting';
  retryAt: number | null;
  /** Since when the pending order has failed to get through (null while it has not failed yet). */
  waitingSince: number | null;
  /** The server refused the order (sold out, invalid): the cart stays for the guest to fix. */
  failure: { error: ApiError; items: CreateOrderBody['items'] } | null;
  /** The order the server accepted, until the guest has seen its number. */
  delivered: Order | null;
}

const saved = storedValue<PendingOrder>('tableorder.customer.pending-order');
const store = createExternalStore<OutboxState>({
  pending: saved.get(),
  phase: saved.get() ? 'waiting' : 'idle',
  retryAt: null,
  waitingSince: saved.get() ? Date.now() : null,
  failure: null,
  delivered: null,
});

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 30_000;

let attempts = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let started = false;
const handlers: {
  delivered?: (order: Order) => void;
  failed?: (error: ApiError) => void;
} = {};

function update(patch: Partial<OutboxState>) {
  store.update((state) => ({ ...state, ...patch }));
}

/**
 * Only an answer from the server about the order itself is final (sold out, invalid, a reused
 * key); no answer, a refused or expired token, a timeout, a rate limit or a server error is retried.
 */
export function isDefinitive(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429) return false;
  return error.status >= 400 && error.status < 500;
}

function scheduleRetry(error: unknown) {
  clearTimeout(timer);
  attempts += 1;
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 4));
  const delay = error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : backoff;
  update({ phase: 'waiting', retryAt: Date.now() + delay, waitingSince: store.get().waitingSince ?? Date.now() });
  timer = setTimeout(() => void flush(), delay);
}

async function flush(): Promise<void> {
  const { pending, phase } = store.get();
  if (!pending || phase === 'sending') return;
  clearTimeout(timer);
  const current = device.state();
  if (current.kind !== 'ready' || current.table.id !== pending.tableId) {
    // The device is being set up again; the order is kept until staff restore this table.
    scheduleRetry(null);
    return;
  }
  update({ phase: 'sending', retryAt: null });
  try {
    const order = await createOrder(
      {
        items: pending.items,
        ...(pending.cartVersion === undefined ? {} : { cartVersion: pending.cartVersion }),
        ...(pending.note ? { note: pending.note } : {}),
      },
      pending.key,
    );
    saved.set(null);
    attempts = 0;
    update({ pending: null, phase: 'idle', waitingSince: null, failure: null, delivered: order });
    handlers.delivered?.(order);
  } catch (error) {
    if (isDefinitive(error)) {
      saved.set(null);
      attempts = 0;
      update({ pending: null, phase: 'idle', waitingSince: null, failure: { error, items: pending.items } });
      handlers.failed?.(error);
    } else {
      scheduleRetry(error);
    }
  }
}

export const orderOutbox = {
  store,

  /**
   * Starts the delivery loop (the `online` listener once) and sends an order still pending — left
   * by a reload, or waiting while staff set the tablet up again.
   */
  start(on: { delivered: (order: Order) => void; failed: (error: ApiError) => void }) {
    handlers.delivered = on.delivered;
    handlers.failed = on.failed;
    if (!started) {
      started = true;
      window.addEventListener('online', () => {
        attempts = 0;
        void flush();
      });
    }
    if (store.get().pending) void flush();
  },

  /**
   * Confirms a cart: one idempotency key for this cart, however many times it is sent. A second
   * call while an order is pending (a double tap) does nothing.
   */
  submit(tableId: string, items: CreateOrderBody['items'], cartVersion?: number, note?: string): boolean {
    if (store.get().pending) return false;
    const trimmed = note?.trim();
    const pending: PendingOrder = {
      key: newIdempotencyKey(),
      tableId,
      items,
      ...(cartVersion === undefined ? {} : { cartVersion }),
      ...(trimmed ? { note: trimmed } : {}),
      confirmedAt: new Date().toISOString(),
    };
    saved.set(pending);
    attempts = 0;
    update({ pending, phase: 'idle', waitingSince: null, failure: null, delivered: null });
    void flush();
    return true;
  },

  retryNow() {
    attempts = 0;
    void flush();
  },

  /** Drops a pending order of another table (the tablet was moved to a different table). */
  discardForOtherTable(tableId: string) {
    const { pending } = store.get();
    if (pending && pending.tableId !== tableId) {
      clearTimeout(timer);
      saved.set(null);
      update({ pending: null, phase: 'idle', retryAt: null, waitingSince: null });
    }
  },

  acknowledgeDelivered() {
    update({ delivered: null });
  },

  dismissFailure() {
    update({ failure: null });
  },
};

export function useOrderOutbox(): OutboxState {
  return useExternalStore(orderOutbox.store);
}
