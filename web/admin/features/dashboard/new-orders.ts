import { useSyncExternalStore } from 'react';
import { session } from '@admin/lib/session';
import type { DashboardTable, Order } from '@contract/orders';
import { storedValue } from '@shared/lib/stored';

/**
 * Which orders staff have not looked at yet. An order is new while it is still pending and nobody
 * acknowledged it (opened it, moved it, or pressed "seen"). The acknowledged ids are kept per
 * store in localStorage, so a reload or a second tab does not lose the highlights, nor bring back
 * ones already seen. Only ids are kept, the latest few hundred: far more than a store has pending.
 */
const LIMIT = 500;
const keyFor = (storeId: string) => `tableorder.admin.seenOrders.${storeId}`;

let storeId: string | null = null;
let seen = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

function read(key: string): Set<string> {
  const ids: unknown = storedValue<unknown>(key).get();
  return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
}

/** The acknowledged ids of the signed-in store, loaded when the store changes. */
function current(): Set<string> {
  const id = session.get()?.principal.storeId ?? null;
  if (id !== storeId) {
    storeId = id;
    seen = id ? read(keyFor(id)) : new Set();
  }
  return seen;
}

function emit() {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab of the same store acknowledged something.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (storeId && event.key === keyFor(storeId)) {
      seen = read(event.key);
      emit();
    }
  });
}

/** Re-renders the caller whenever an order is acknowledged. */
export function useNewOrdersVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}

const pendingIds = (tables: DashboardTable[]) =>
  tables.flatMap((table) => table.orders.filter((order) => order.status === 'pending').map((order) => order.id));

export const newOrders = {
  isNew: (order: Order) => order.status === 'pending' && !current().has(order.id),
  countIn: (tables: DashboardTable[]) =>
    tables.reduce((n, table) => n + table.orders.filter(newOrders.isNew).length, 0),

  acknowledge(orderIds: string[]) {
    const set = current();
    const added = orderIds.filter((id) => !set.has(id));
    if (added.length === 0) return;
    // Insertion order is age order: the oldest acknowledgements go first.
    const kept = [...set, ...added].slice(-LIMIT);
    seen = new Set(kept);
    // Storage full or private mode: the highlights still clear for this page.
    if (storeId) storedValue<string[]>(keyFor(storeId)).set(kept);
    emit();
  },
  acknowledgeTable(table: DashboardTable) {
    newOrders.acknowledge(pendingIds([table]));
  },
  acknowledgeAll(tables: DashboardTable[]) {
    newOrders.acknowledge(pendingIds(tables));
  },
};
