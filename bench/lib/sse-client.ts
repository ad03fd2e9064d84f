import http from 'node:http';

export interface StreamMessage {
  type: string;
  id: string | null;
  data: string;
  /** performance.now() when the chunk holding the message's end arrived. */
  at: number;
}

export interface BenchStream {
  readonly status: number;
  /** Resolves when the stream is open (200 and the first bytes), rejects on any other answer. */
  readonly opened: Promise<void>;
  readonly ended: boolean;
  close(): void;
}

/**
 * A lean SSE reader for thousands of streams at once: its own socket per stream, messages handed
 * to `onMessage` as they complete, comments (`: ping`) skipped.
 */
export function openSseStream(
  baseUrl: string,
  path: string,
  token: string,
  onMessage: (message: StreamMessage) => void,
  options: {
    /** The loopback address to connect from. */
    localAddress?: string;
    /** Resume after this cursor (a reconnect). */
    lastEventId?: string | null;
    /** Called once when the stream is over, whoever ended it. */
    onEnd?: () => void;
  } = {},
): BenchStream {
  const base = new URL(baseUrl);
  let status = 0;
  let ended = false;
  let request: http.ClientRequest | undefined;
  let told = false;
  const end = () => {
    ended = true;
    if (told) return;
    told = true;
    options.onEnd?.();
  };
  const opened = new Promise<void>((resolve, reject) => {
    request = http.request(
      {
        host: base.hostname,
        port: base.port,
        path,
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: {
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
          ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          end();
          reject(new Error(`stream answered ${status}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.once('data', () => resolve());
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (block.startsWith(':')) continue;
            const message: StreamMessage = { type: 'message', id: null, data: '', at };
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) message.type = line.slice(7);
              else if (line.startsWith('id: ')) message.id = line.slice(4);
              else if (line.startsWith('data: ')) message.data = line.slice(6);
            }
            onMessage(message);
          }
        });
        res.on('close', end);
      },
    );
    request.on('error', (err) => {
      end();
      reject(err);
    });
    request.end();
  });
  opened.catch(() => {});
  return {
    get status() {
      return status;
    },
    opened,
    get ended() {
      return ended;
    },
    close() {
      ended = true;
      request?.destroy();
    },
  };
}
