import { createSseParser, parseSseData } from '../web/shared/api/sse-parser.js';

/** One message of a text/event-stream. */
export interface SseMessage {
  id: string | null;
  type: string;
  /** The raw `data:` text (lines joined with \n). */
  raw: string;
  /** `raw` parsed as JSON, or the text when it is not JSON. */
  data: any;
  /** Milliseconds (performance.now) when the message arrived. */
  at: number;
}

export interface SseConnectOptions {
  token?: string;
  lastEventId?: string;
  headers?: Record<string, string>;
}

/**
 * A small fetch-based SSE reader for tests (EventSource cannot send an Authorization header).
 * `connect` resolves once the status line is in; a non-200 answer is read as JSON into `error`.
 */
export interface SseClient {
  status: number;
  headers: Headers;
  /** The error body of a non-200 answer. */
  error: any;
  /** Every message so far, in arrival order. */
  messages: SseMessage[];
  /** Comment lines (`: ping` → `ping`), in arrival order. */
  comments: string[];
  /** `retry:` values received. */
  retries: number[];
  /** The id of the last message with one, as a client would send in Last-Event-ID. */
  lastEventId: string | null;
  /** True once the server ended the stream (or the connection broke). */
  ended: boolean;
  /** Resolves when the stream ends. */
  done: Promise<void>;
  /** Waits until `count` messages (optionally of one type) arrived; rejects after `timeoutMs`. */
  waitFor(count: number, options?: { type?: string; timeoutMs?: number }): Promise<SseMessage[]>;
  /** Waits until a condition over the collected state holds. */
  waitUntil(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Messages of the given types (all when none given). */
  of(...types: string[]): SseMessage[];
  close(): void;
}

export async function connectSse(url: string, options: SseConnectOptions = {}): Promise<SseClient> {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });

  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    error: undefined,
    messages: [],
    comments: [],
    retries: [],
    lastEventId: null,
    ended: false,
    done: Promise.resolve(),
    waitFor(count, { type, timeoutMs = 5_000 } = {}) {
      const matching = () => (type ? client.of(type) : client.messages);
      return client
        .waitUntil(() => matching().length >= count, timeoutMs, `${count} ${type ?? 'message'}(s)`)
        .then(() => matching());
    },
    waitUntil(check, timeoutMs = 5_000, what = 'condition') {
      if (check()) return Promise.resolve();
      const endedEarly = () =>
        new Error(`the stream ended (status ${client.status}) before ${what}: ${JSON.stringify(client.error ?? null)}`);
      if (client.ended) return Promise.reject(endedEarly());
      return new Promise((resolve, reject) => {
        const waiter = () => {
          const ok = check();
          if (!ok && !client.ended) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          if (ok) resolve();
          else reject(endedEarly());
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = client.messages.map((m) => `${m.id}:${m.type}`).join(', ');
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got [${seen}]`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    of(...types) {
      return types.length === 0 ? client.messages : client.messages.filter((m) => types.includes(m.type));
    },
    close() {
      controller.abort();
    },
  };

  if (res.status !== 200 || !res.body) {
    const text = await res.text();
    try {
      client.error = JSON.parse(text);
    } catch {
      client.error = text;
    }
    client.ended = true;
    return client;
  }

  client.done = (async () => {
    const reader = res.body!.getReader();
    const parser = createSseParser({
      onEvent({ id, type, data: raw }) {
        if (id !== null) client.lastEventId = id;
        client.messages.push({ id, type, raw, data: parseSseData(raw), at: performance.now() });
        notify();
      },
      onComment(text) {
        client.comments.push(text);
        notify();
      },
      onRetry(ms) {
        client.retries.push(ms);
        notify();
      },
    });
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch {
      // aborted by close() or the connection broke: either way the stream is over
    } finally {
      client.ended = true;
      notify();
    }
  })();
  return client;
}

/** The cursors of messages, as numbers (resync included unless filtered out first). */
export const ids = (messages: SseMessage[]) => messages.map((m) => Number(m.id));

/**
 * Streams a test file opens and closes when it is done: `open(url, token)` expects a 200;
 * `closeAll()` belongs in the file's afterAll.
 */
export function streamPool(): { open(url: string, token: string): Promise<SseClient>; closeAll(): void } {
  const clients: SseClient[] = [];
  return {
    async open(url, token) {
      const client = await connectSse(url, { token });
      if (client.status !== 200) throw new Error(`${url} answered ${client.status}, not 200`);
      clients.push(client);
      return client;
    },
    closeAll() {
      for (const client of clients.splice(0)) client.close();
    },
  };
}
