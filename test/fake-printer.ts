import net from 'node:net';

/**
 * A network printer for tests: a TCP listener on the loopback that records the bytes of each
 * connection (one print job per connection, as a raw 9100 port sees it). Connections that send
 * nothing (the agent's reachability checks) are not jobs. `down()` stops listening and cuts every
 * connection, as a printer switched off; `up()` listens again on the same port.
 */
export interface FakePrinter {
  port: number;
  /** Each received job's bytes, in arrival order. */
  jobs: Buffer[];
  down(): Promise<void>;
  up(): Promise<void>;
  /** Waits until at least `count` jobs arrived. */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakePrinter(): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((socket) => {
        sockets.add(socket);
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => {
          const bytes = Buffer.concat(chunks);
          if (bytes.length > 0) jobs.push(bytes);
          socket.end();
        });
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
      });
      s.once('error', reject);
      s.listen({ port, host: '127.0.0.1' }, () => {
        const address = s.address();
        if (address && typeof address !== 'string') port = address.port;
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    jobs,
    down: stop,
    up: listen,
    async waitForJobs(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (jobs.length < count) {
        if (Date.now() > until) throw new Error(`the printer got ${jobs.length} of ${count} jobs in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return jobs;
    },
    close: stop,
  };
}
