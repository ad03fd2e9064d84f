import net from 'node:net';

/** What went over the wire between a server and PostgreSQL. */
export interface WireCounts {
  /** Round trips: every exchange ends with one ReadyForQuery from PostgreSQL. */
  roundTrips: number;
  /** Round trips that left the connection outside a transaction: commits (or rollbacks) and single-statement transactions. */
  transactionEnds: number;
  /** Statements run: Execute messages of the extended protocol, and simple queries. */
  statements: number;
  /** Statements parsed (unnamed ones every time, named prepared ones once per connection). */
  parses: number;
  /** Connections opened. */
  connections: number;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

const zero = (): WireCounts => ({ roundTrips: 0, transactionEnds: 0, statements: 0, parses: 0, connections: 0 });

/**
 * A TCP proxy in front of PostgreSQL that counts protocol messages: round trips, statements and
 * transactions per order, on any build, with nothing configured in PostgreSQL (pg_stat_statements
 * needs a restart to load). For probe runs only: it costs the load generator's CPU.
 */
export class PgWireCounter {
  private counts = zero();
  private readonly sockets = new Set<net.Socket>();
  /**
   * Called with the text of every statement parsed or sent as a simple query, and the name of
   * every named prepared statement run (for looking into a count).
   */
  onStatement: ((text: string) => void) | null = null;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<PgWireCounter> {
    let counter: PgWireCounter | null = null;
    const server = net.createServer((client) => counter?.relay(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the counting proxy has no port');
    counter = new PgWireCounter(server, address.port);
    return counter;
  }

  /** `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** The counts since the last call (or since the start). */
  take(): WireCounts {
    const counts = this.counts;
    this.counts = zero();
    return counts;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket, target: { host: string; port: number }): void {
    const upstream = net.connect(target);
    this.sockets.add(client).add(upstream);
    this.counts.connections += 1;
    const counts = () => this.counts;
    // Frontend: untyped start-up messages (an SSL or GSS request first when the client asks), then typed ones.
    let untyped = 1;
    // Backend: one byte answers an SSL or GSS request, then typed messages. The first
    // ReadyForQuery ends the start-up, not a round trip of the server's.
    let sslAnswerPending = false;
    let started = false;
    const fromClient = new MessageReader(
      () => untyped > 0,
      (type, body) => {
        if (type === null) {
          untyped -= 1;
          const code = body.length >= 4 ? body.readInt32BE(0) : 0;
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            untyped += 1;
            sslAnswerPending = true;
          }
          return;
        }
        if (type === 0x45 /* E */) counts().statements += 1;
        else if (type === 0x51 /* Q */) {
          counts().statements += 1;
          this.onStatement?.(body.subarray(0, body.indexOf(0)).toString('utf8'));
        } else if (type === 0x50 /* P */) {
          counts().parses += 1;
          // Parse: statement name, NUL, query text, NUL, …
          const nameEnd = body.indexOf(0);
          this.onStatement?.(body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8'));
        } else if (type === 0x42 /* B */ && this.onStatement) {
          // Bind: portal name, NUL, statement name, NUL: a named statement runs without a Parse.
          const portalEnd = body.indexOf(0);
          const name = body.subarray(portalEnd + 1, body.indexOf(0, portalEnd + 1)).toString('utf8');
          if (name) this.onStatement(`(prepared) ${name}`);
        }
      },
    );
    const fromServer = new MessageReader(
      () => false,
      (type, body) => {
        if (type !== 0x5a /* Z */) return;
        if (!started) {
          started = true;
          return;
        }
        counts().roundTrips += 1;
        if (body[0] === 0x49 /* I */) counts().transactionEnds += 1;
      },
    );
    client.on('data', (chunk: Buffer) => {
      fromClient.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      let rest = chunk;
      if (sslAnswerPending && rest.length > 0) {
        sslAnswerPending = false;
        rest = rest.subarray(1);
      }
      fromServer.push(rest);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}

/** Splits a byte stream into protocol messages: [type byte] int32 length (itself included), body. */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly untyped: () => boolean,
    private readonly onMessage: (type: number | null, body: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const typed = !this.untyped();
      const head = typed ? 5 : 4;
      if (this.buffer.length < head) return;
      const length = this.buffer.readInt32BE(typed ? 1 : 0);
      const total = (typed ? 1 : 0) + length;
      if (this.buffer.length < total) return;
      this.onMessage(typed ? (this.buffer[0] as number) : null, this.buffer.subarray(head, total));
      this.buffer = this.buffer.subarray(total);
    }
  }
}
