import type { StreamEvent } from '@shared/api/event-stream';

/** A screen that wants the store's events besides the dashboard's caches (the kitchen display). */
export interface AdminStreamListener {
  onEvent?: (event: StreamEvent) => void;
  /** The stream (re)opened: events may have been missed before it, so fetch afresh. */
  onOpen?: () => void;
}

const listeners = new Set<AdminStreamListener>();

/**
 * The admin app has one event stream (in the shell). Screens listen to it through here, while
 * mounted, without the stream knowing about them. Returns the unsubscribe.
 */
export function listenToAdminStream(listener: AdminStreamListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyAdminEvent(event: StreamEvent): void {
  for (const listener of listeners) listener.onEvent?.(event);
}

export function notifyAdminStreamOpen(): void {
  for (const listener of listeners) listener.onOpen?.();
}
