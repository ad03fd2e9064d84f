import { session } from '@admin/lib/session';
import type { DashboardTable, Order } from '@contract/orders';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';

/**
 * Which orders staff have not looked at yet. An order is new while it is still pending and nobody
 * acknowledged it (opened it, moved it, or pressed "seen"). The acknowledged ids are kept per
 * store in localStorage, so a reload or a second tab does not lose the highlights, nor bring back
 * ones already seen. Only ids are kept, the latest few hundred: far more than a store has pending.
 */
export const SEEN_LIMIT = 500;
const keyFor = (storeId: string) => `tableorder.admin.seenOrders.${storeId}`;

interface Marks {
  storeId: string | null;
  /** Acknowledged order ids, oldest acknowledgement first. */
  seen: ReadonlySet<string>;
}

function read(storeId: string | null): Set<string> {
  if (!storeId) return new Set();
  const ids: unknown = storedValue<unknown>(keyFor(storeId)).get();
  return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
}

const pendingIds = (tables: DashboardTable[]) =>
  tables.flatMap((table) => table.orders.filter((order) => order.status === 'pending').map((order) => order.id));

/** The signed-in store, as far as the marks are concerned: a session store or a stand-in. */
export interface StoreSource {
  get(): { principal: { storeId: string } } | null;
  subscribe(listener: () => void): () => void;
}

/** The marks of whichever store `source` is signed in to, reloaded when that store changes. */
export function createNewOrders(source: StoreSource) {
  const storeIdNow = () => source.get()?.principal.storeId ?? null;
  const initial = storeIdNow();
  const store = createExternalStore<Marks>({ storeId: initial, seen: read(initial) });

  source.subscribe(() => {
    const storeId = storeIdNow();
    if (storeId !== store.get().storeId) store.set({ storeId, seen: read(storeId) });
  });

  // Another tab of the same store acknowledged something.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      const { storeId } = store.get();
      if (storeId && event.key === keyFor(storeId)) store.set({ storeId, seen: read(storeId) });
    });
  }

  const marks = {
    store,
    isNew: (order: Order) => order.status === 'pending' && !store.get().seen.has(order.id),
    countIn: (tables: DashboardTable[]) => tables.reduce((n, table) => n + table.orders.filter(marks.isNew).length, 0),

    acknowledge(orderIds: string[]) {
      const { storeId, seen } = store.get();
      const added = orderIds.filter((id) => !seen.has(id));
      if (added.length === 0) return;
      // Insertion order is age order: the oldest acknowledgements go first.
      const kept = [...seen, ...added].slice(-SEEN_LIMIT);
      // Storage full or private mode: the highlights still clear for this page.
      if (storeId) storedValue<string[]>(keyFor(storeId)).set(kept);
      store.set({ storeId, seen: new Set(kept) });
    },
    acknowledgeTable(table: DashboardTable) {
      marks.acknowledge(pendingIds([table]));
    },
    acknowledgeAll(tables: DashboardTable[]) {
      marks.acknowledge(pendingIds(tables));
    },
  };
  return marks;
}

export const newOrders = createNewOrders(session);

/** Re-renders the caller whenever the marks change (an acknowledgement, here or in another tab). */
export function useNewOrderMarks(): void {
  useExternalStore(newOrders.store);
}
