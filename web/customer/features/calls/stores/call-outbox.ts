import type { Call, CreateCallBody } from '@contract/calls';
import { ErrorCodes } from '@contract/errors';
import { device } from '@customer/lib/device';
import { newIdempotencyKey } from '@customer/lib/idempotency-key';
import { ApiError } from '@shared/api/client';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';
import { createCall } from '../api/create-call';
import { getTableCalls } from '../api/get-table-calls';
import { type CallState, initialCallState, type PendingCall, restored, withCall } from './call-state';

const saved = storedValue<PendingCall>('tableorder.customer.pending-call');
const store = createExternalStore<CallState>({
  ...initialCallState,
  pending: saved.get(),
  phase: saved.get() ? 'waiting' : 'idle',
});

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 20_000;

let attempts = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let started = false;
const handlers: { presetsChanged?: () => void } = {};

function update(patch: Partial<CallState>) {
  store.update((state) => ({ ...state, ...patch }));
}

/**
 * Whether the server's answer about the call is final. No answer, a refused or expired token, a
 * timeout or a server error is tried again with the same key. Too many calls (429) is final: the
 * table has called ten times in ten minutes and staff know; resending later helps nobody.
 */
export function isFinal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0 || error.status === 401 || error.status === 408) return false;
  return error.status >= 400 && error.status < 500;
}

function scheduleRetry() {
  clearTimeout(timer);
  attempts += 1;
  const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 4));
  update({ phase: 'waiting', retryAt: Date.now() + delay });
  timer = setTimeout(() => void flush(), delay);
}

async function flush(): Promise<void> {
  const { pending, phase } = store.get();
  if (!pending || phase === 'sending') return;
  clearTimeout(timer);
  const current = device.state();
  if (current.kind !== 'ready' || current.table.id !== pending.tableId) {
    // The device is being set up again: the call waits for this table to be back.
    scheduleRetry();
    return;
  }
  update({ phase: 'sending', retryAt: null });
  try {
    const call = await createCall(pending.body, pending.key);
    saved.set(null);
    attempts = 0;
    store.update((state) => ({
      ...withCall(state, call, pending.tableId, Date.now()),
      pending: null,
      phase: 'idle',
      refused: null,
    }));
  } catch (error) {
    if (isFinal(error)) {
      saved.set(null);
      attempts = 0;
      update({
        pending: null,
        phase: 'idle',
        refused: { code: error.code, at: Date.now() },
      });
      if (error.code === ErrorCodes.validationFailed) handlers.presetsChanged?.();
    } else {
      scheduleRetry();
    }
  }
}

export const callOutbox = {
  store,

  /**
   * Starts the delivery loop (the `online` listener once), sends a call left pending by a reload,
   * and asks the server for the table's latest call so a reload shows it as before.
   */
  start(tableId: string, on: { presetsChanged: () => void }) {
    handlers.presetsChanged = on.presetsChanged;
    if (!started) {
      started = true;
      window.addEventListener('online', () => {
        attempts = 0;
        void flush();
      });
    }
    if (store.get().pending) void flush();
    void getTableCalls()
      .then((calls) => store.update((state) => restored(state, calls, tableId, Date.now())))
      .catch(() => {
        // Offline or locked: live events and the next answer bring the state anyway.
      });
  },

  /**
   * Calls staff: one idempotency key for this call, however many times it is sent. While a call
   * is still on its way, another does nothing (answers false).
   */
  submit(tableId: string, body: CreateCallBody, labels: string[]): boolean {
    if (store.get().pending) return false;
    const pending: PendingCall = { key: newIdempotencyKey(), tableId, body, labels, sentAt: new Date().toISOString() };
    saved.set(pending);
    attempts = 0;
    update({ pending, phase: 'idle', refused: null });
    void flush();
    return true;
  },

  retryNow() {
    attempts = 0;
    void flush();
  },

  /** A call event from the table's stream. */
  applyCall(call: Call, tableId: string) {
    store.update((state) => withCall(state, call, tableId, Date.now()));
  },

  /** The guests left: a handled call is theirs no more (an open one stays until staff handle it). */
  visitEnded() {
    store.update((state) => (state.current?.status === 'done' ? { ...state, current: null, seenAt: null } : state));
  },

  /** Drops a pending call of another table (the tablet was set up for a different table). */
  discardForOtherTable(tableId: string) {
    const { pending, current } = store.get();
    if (pending && pending.tableId !== tableId) {
      clearTimeout(timer);
      saved.set(null);
      update({ pending: null, phase: 'idle', retryAt: null });
    }
    if (current && current.tableId !== tableId) update({ current: null, seenAt: null });
  },

  dismissRefusal() {
    update({ refused: null });
  },
};

export function useCallOutbox(): CallState {
  return useExternalStore(callOutbox.store);
}
