import type { ServerResponse } from 'node:http';

/**
 * A client that reads slower than events come (or stopped reading without closing) is cut off
 * past this much unsent data; it reconnects with Last-Event-ID and replays from the log, which
 * is cheaper than holding an unbounded buffer for it.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // nginx must pass every message on at once instead of filling its proxy buffer.
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
} as const;

/** One SSE message; the JSON has no raw newlines, so the data is always a single `data:` line. */
export function sseMessage(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One open text/event-stream response: frames messages and notices when the client is gone. */
export class SseStream {
  private ended = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(private readonly res: ServerResponse) {
    res.on('close', () => this.markClosed());
    // The client may have gone while the request was being authorized.
    if (res.destroyed || res.socket?.destroyed) this.ended = true;
  }

  /** Sends the status line and headers at once, so the client knows it is connected. */
  open(headers: Record<string, string | number | string[] | undefined>): void {
    for (const [name, value] of Object.entries({ ...headers, ...SSE_HEADERS })) {
      if (value !== undefined) this.res.setHeader(name, value);
    }
    this.res.writeHead(200);
    this.write(': connected\n\n');
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.push(listener);
  }

  /** Writes a message framed by `sseMessage`. */
  send(frame: string): void {
    this.write(frame);
  }

  /** A comment line: keeps proxies and the client's silence watchdog from dropping the stream. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /**
   * Ends the response, first asking the client to reconnect after `retryMs` when given. Resolves
   * once the last bytes are handed to the socket: only then does the server count the connection
   * as idle and close it on shutdown instead of waiting for the client to hang up.
   */
  end(retryMs?: number): Promise<void> {
    const res = this.res;
    const finished =
      res.writableFinished || res.destroyed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            res.once('finish', resolve);
            res.once('close', resolve);
          });
    if (!this.ended) {
      if (retryMs !== undefined) this.write(`retry: ${retryMs}\n\n`);
      res.end();
      this.markClosed();
    }
    return finished;
  }

  private write(chunk: string): void {
    if (this.ended || this.res.destroyed) return;
    this.res.write(chunk);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.res.destroy();
      this.markClosed();
    }
  }

  private markClosed(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
