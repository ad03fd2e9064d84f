/** One message of the store's event stream. */
export interface StreamMessage {
  id: string | null;
  type: string;
  data: string;
}

/**
 * Follows an SSE stream for as long as `signal` is not aborted: reconnects after an error or the
 * end of the stream with a growing pause (1 s up to 15 s), sending the last cursor seen as
 * Last-Event-ID so nothing in between is lost. `token()` is asked on every connection; a 401
 * calls `onUnauthorized` (sign in again) before the next try.
 */
export async function followStream(options: {
  url: string;
  token: () => Promise<string>;
  lastEventId: string | null;
  onMessage: (message: StreamMessage) => void;
  onOpen: () => void;
  onDown: (error: string) => void;
  onUnauthorized: () => void;
  signal: AbortSignal;
}): Promise<void> {
  let lastEventId = options.lastEventId;
  let pause = 1_000;
  while (!options.signal.aborted) {
    try {
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        authorization: `Bearer ${await options.token()}`,
      };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      const res = await fetch(options.url, { headers, signal: options.signal });
      if (res.status === 401) {
        options.onUnauthorized();
        throw new Error('401 on the event stream');
      }
      if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
      options.onOpen();
      pause = 1_000;
      const decoder = new TextDecoder();
      let buffer = '';
      let message: StreamMessage = { id: null, type: 'message', data: '' };
      let hasData = false;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.search(/\r\n|\r|\n/);
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (hasData || message.id !== null) {
              if (message.id !== null) lastEventId = message.id;
              options.onMessage(message);
            }
            message = { id: null, type: 'message', data: '' };
            hasData = false;
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') message.id = value;
            else if (field === 'event') message.type = value;
            else if (field === 'data') {
              message.data = hasData ? `${message.data}\n${value}` : value;
              hasData = true;
            }
          }
          newline = buffer.search(/\r\n|\r|\n/);
        }
      }
      throw new Error('the event stream ended');
    } catch (err) {
      if (options.signal.aborted) return;
      options.onDown(err instanceof Error ? err.message : String(err));
      await sleep(pause, options.signal);
      pause = Math.min(pause * 2, 15_000);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
