import type { PrintJob, PrintTicket, Station } from '../../../contract/kitchen.js';
import type { printJobs, stations } from '../../db/schema/index.js';

type StationRow = typeof stations.$inferSelect;
type PrintJobRow = typeof printJobs.$inferSelect;

export function toStation(row: StationRow): Station {
  return {
    id: row.id,
    name: row.name,
    sortOrder: row.sortOrder,
    printer: row.printerHost ? { host: row.printerHost, port: row.printerPort ?? 9100 } : null,
    printerStatus: {
      stationId: row.id,
      online: row.printerOnline,
      error: row.printerError,
      checkedAt: row.printerCheckedAt?.toISOString() ?? null,
    },
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

export function toPrintJob(row: PrintJobRow, station: { name: string }, timezone: string): PrintJob {
  return {
    id: row.id,
    seq: Number(row.seq),
    stationId: row.stationId,
    stationName: station.name,
    orderId: row.orderId,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts,
    timezone,
    // Written by queueTickets in the order's transaction, in this shape.
    ticket: row.ticket as PrintTicket,
  };
}
