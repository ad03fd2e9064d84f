import http from 'node:http';

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  body: string;
  /** performance.now() when the request was handed to the socket and when the answer was complete. */
  sentAt: number;
  doneAt: number;
}

/** A keep-alive HTTP client for a load run: one socket per concurrent request, reused. */
export class LoadClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  /** `localAddress`: the loopback address to send from (a restaurant's own address, for per-address limits). */
  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly localAddress?: string,
  ) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Resolves with the answer, or with status 0 when the connection failed. */
  send(spec: RequestSpec, timeoutMs = 30_000): Promise<Answer> {
    return new Promise((resolve) => {
      const sentAt = performance.now();
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(spec.body);
      }
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method: spec.method,
          path: spec.path,
          headers,
          agent: this.agent,
          timeout: timeoutMs,
          ...(this.localAddress ? { localAddress: this.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              sentAt,
              doneAt: performance.now(),
            }),
          );
          res.on('error', () => resolve({ status: 0, body: '', sentAt, doneAt: performance.now() }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => resolve({ status: 0, body: err.message, sentAt, doneAt: performance.now() }));
      req.end(spec.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Closed loop: `concurrency` workers each send their next request as soon as the previous one
 * is answered, until the time is up. Resolves when every request in flight has been answered.
 */
export async function closedLoop(options: {
  concurrency: number;
  durationMs: number;
  next: (worker: number) => () => Promise<void>;
}): Promise<{ elapsedMs: number }> {
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      while (performance.now() < deadline) await options.next(worker)();
    }),
  );
  return { elapsedMs: performance.now() - started };
}

/**
 * Open loop: starts requests at a fixed rate whether or not earlier ones were answered (what
 * guests do), then waits for every one of them.
 */
export async function openLoop(options: {
  perSecond: number;
  durationMs: number;
  start: (index: number) => Promise<void>;
}): Promise<{ started: number }> {
  const begin = performance.now();
  const total = Math.round((options.perSecond * options.durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  let index = 0;
  while (index < total) {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * options.perSecond) + 1);
    while (index < due) inFlight.push(options.start(index++));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(inFlight);
  return { started: index };
}
