import { Redis } from 'ioredis';
import type { EventBus } from './bus.js';
import type { StoredEvent } from './event-log.js';

const CHANNEL = 'tableorder:events';

/**
 * Redis pub/sub between replicas. Publishing never waits for a Redis that is down (no offline
 * queue): the change is already committed and streams catch up from the event log when the
 * subscriber reconnects.
 */
export function createRedisBus(url: string): EventBus {
  const retryStrategy = (attempt: number) => Math.min(200 * attempt, 2_000);
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
  const sub = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const listeners = new Set<(event: StoredEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  let lostConnection = false;

  // Errors are reported through health(); without listeners ioredis would print every retry.
  pub.on('error', () => {});
  sub.on('error', () => {});
  sub.on('close', () => {
    lostConnection = true;
  });
  sub.on('ready', () => {
    if (!lostConnection) return;
    lostConnection = false;
    for (const listener of reconnectListeners) listener();
  });
  void sub.subscribe(CHANNEL).catch(() => {});
  sub.on('message', (_channel: string, message: string) => {
    let event: StoredEvent;
    try {
      event = JSON.parse(message) as StoredEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  });

  return {
    kind: 'redis',
    async publish(event) {
      try {
        await pub.publish(CHANNEL, JSON.stringify(event));
      } catch {
        // Redis is down: the event is in the log and will reach streams after reconnecting.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async health() {
      if (pub.status !== 'ready' || sub.status !== 'ready') return `error: redis ${pub.status}/${sub.status}`;
      try {
        await Promise.race([
          pub.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000).unref()),
        ]);
        return 'ok';
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    },
    async close() {
      listeners.clear();
      reconnectListeners.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
