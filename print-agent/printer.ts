import net from 'node:net';

export interface PrinterAddress {
  host: string;
  port: number;
}

/**
 * Sends bytes to a network printer's raw port (9100) and resolves once the printer has them:
 * every byte written and our side closed, and the printer closing its side (network printers
 * close a raw job's connection when it ends). A printer that keeps the connection open is taken
 * to have the bytes after `settleMs` without an error. Rejects when it cannot be reached, resets
 * the connection, or does not answer within `timeoutMs`.
 */
export function sendToPrinter(
  printer: PrinterAddress,
  bytes: Uint8Array,
  options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const settleMs = options.settleMs ?? 3_000;
  return new Promise((resolve, reject) => {
    let settled = false;
    let flushed = false;
    const socket = net.createConnection({ host: printer.host, port: printer.port });
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(settle);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    let settle: NodeJS.Timeout | undefined;
    const timer = setTimeout(
      () => finish(new Error(`printer ${printer.host}:${printer.port} did not answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.end(bytes, () => {
        flushed = true;
        settle = setTimeout(() => finish(), settleMs);
      });
    });
    socket.on('data', () => {});
    socket.once('error', (err) => finish(err));
    socket.once('close', (hadError) => {
      if (hadError) return;
      if (flushed) finish();
      else finish(new Error(`printer ${printer.host}:${printer.port} closed the connection early`));
    });
  });
}

/** Whether the printer accepts a connection (nothing is sent). */
export function probePrinter(printer: PrinterAddress, timeoutMs = 3_000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: printer.host, port: printer.port });
    const done = (error: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(error);
    };
    const timer = setTimeout(() => done(`no answer in ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => {
      socket.end();
      done(null);
    });
    socket.once('error', (err) => done(err.message));
  });
}
