/** One event of a `text/event-stream`, its data lines joined. */
export interface SseFrame {
  id: string | null;
  type: string;
  data: string;
}

export interface SseHandlers {
  onEvent(frame: SseFrame): void;
  onComment?(text: string): void;
  onRetry?(ms: number): void;
}

/**
 * An incremental parser of the event-stream format: feed it the bytes as they arrive, in chunks
 * of any size; it calls back once per complete event, comment or retry line. Shared by the apps'
 * stream client and the tests' stream reader, so both read the server's frames the same way.
 */
export function createSseParser(handlers: SseHandlers): { push(chunk: Uint8Array): void } {
  const decoder = new TextDecoder();
  let buffer = '';
  let current = { id: null as string | null, type: 'message', data: [] as string[] };

  function line(text: string) {
    if (text === '') {
      if (current.data.length > 0)
        handlers.onEvent({ id: current.id, type: current.type, data: current.data.join('\n') });
      current = { id: null, type: 'message', data: [] };
      return;
    }
    if (text.startsWith(':')) {
      handlers.onComment?.(text.slice(1).trim());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') current.id = value;
    else if (field === 'event') current.type = value;
    else if (field === 'data') current.data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  }

  return {
    push(chunk) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.search(/\r?\n/);
      while (newline >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        line(text);
        newline = buffer.search(/\r?\n/);
      }
    },
  };
}

/** An event's data as JSON, or the text itself when it is not JSON. */
export function parseSseData(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
