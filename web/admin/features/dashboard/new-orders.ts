import { useSyncExternalStore } from 'react';

/**
 * Orders that arrived live and nobody has looked at yet. Kept outside React so the stream can
 * mark them from any screen; the board highlights them until staff acknowledge.
 */
const unseen = new Map<string, string>();
const listeners = new Set<() => void>();
let version = 0;

function emit() {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller whenever the set of new orders changes. */
export function useNewOrdersVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}

export const newOrders = {
  add(orderId: string, tableId: string) {
    unseen.set(orderId, tableId);
    emit();
  },
  acknowledge(orderId: string) {
    if (unseen.delete(orderId)) emit();
  },
  acknowledgeTable(tableId: string) {
    let changed = false;
    for (const [orderId, owner] of unseen) {
      if (owner === tableId) changed = unseen.delete(orderId) || changed;
    }
    if (changed) emit();
  },
  acknowledgeAll() {
    if (unseen.size === 0) return;
    unseen.clear();
    emit();
  },
  has: (orderId: string) => unseen.has(orderId),
  countFor: (tableId: string) => [...unseen.values()].filter((owner) => owner === tableId).length,
  count: () => unseen.size,
};
