import { createSseParser, parseSseData } from './sse-parser.js';

/**
 * A fetch-based SSE client: EventSource cannot send an Authorization header, and tokens never go
 * in URLs. Reconnects with backoff, resumes with Last-Event-ID, and treats a silent connection
 * (no event and no heartbeat for a while) as dead — a board that looks live but is not is the
 * failure we refuse.
 */

export interface StreamEvent {
  id: string | null;
  type: string;
  data: unknown;
}

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StreamState {
  status: StreamStatus;
  /** When the stream was last lost (ms since epoch), null while open. */
  downSince: number | null;
  attempt: number;
}

export interface EventStreamOptions {
  url: string;
  getToken: () => string | null | Promise<string | null>;
  onEvent: (event: StreamEvent) => void;
  onState?: (state: StreamState) => void;
  /**
   * Called on 401/403. Return true after obtaining a fresh token to retry at once; false stops
   * the stream.
   */
  onAuthError?: (status: number) => Promise<boolean> | boolean;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  silenceTimeoutMs?: number;
  lastEventId?: string | null;
}

export interface EventStream {
  close(): void;
  /** Drop the connection and connect again now (e.g. the network came back). */
  reconnect(): void;
  lastEventId(): string | null;
}

const MAX_BACKOFF_MS = 5_000;

export function openEventStream(options: EventStreamOptions): EventStream {
  const silenceTimeoutMs = options.silenceTimeoutMs ?? 75_000;
  let lastEventId = options.lastEventId ?? null;
  let closed = false;
  let attempt = 0;
  let downSince: number | null = null;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;

  const setState = (status: StreamStatus) => options.onState?.({ status, downSince, attempt });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function connectOnce(): Promise<'retry' | 'stop'> {
    controller = new AbortController();
    const signal = controller.signal;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller?.abort(), silenceTimeoutMs);
    };
    try {
      const token = await options.getToken();
      if (!token) return 'stop';
      const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      feed();
      const res = await fetch(options.url, { headers, signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 403) {
        clearTimeout(watchdog);
        const retry = (await options.onAuthError?.(res.status)) ?? false;
        return retry ? 'retry' : 'stop';
      }
      if (!res.ok || !res.body) return 'retry';

      attempt = 0;
      downSince = null;
      setState('open');
      const reader = res.body.getReader();
      const parser = createSseParser({
        onEvent({ id, type, data }) {
          if (id !== null) lastEventId = id;
          options.onEvent({ id, type, data: parseSseData(data) });
        },
      });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        feed();
        parser.push(value);
      }
      return 'retry';
    } catch {
      return 'retry';
    } finally {
      clearTimeout(watchdog);
    }
  }

  async function run() {
    setState('connecting');
    while (!closed) {
      const outcome = await connectOnce();
      if (closed) break;
      if (outcome === 'stop') {
        closed = true;
        break;
      }
      downSince ??= Date.now();
      attempt += 1;
      setState('reconnecting');
      const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt - 1, 5));
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
    setState('closed');
  }

  const onOnline = () => {
    controller?.abort();
    wake?.();
  };
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  void run();

  return {
    close() {
      closed = true;
      controller?.abort();
      wake?.();
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    },
    reconnect: onOnline,
    lastEventId: () => lastEventId,
  };
}
