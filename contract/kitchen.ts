import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';
import { Order } from './orders.js';
import { displayText } from './text.js';

export const DEFAULT_PRINTER_PORT = 9100;

export const Printer = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or IP address'),
  port: z.number().int().min(1).max(65535).default(DEFAULT_PRINTER_PORT),
});
export type Printer = z.infer<typeof Printer>;

/** The print agent's last word on a station's printer (offline after 30 s without one). */
export const PrinterStatus = z.object({
  stationId: Id,
  online: z.boolean().nullable(),
  error: z.string().nullable(),
  checkedAt: IsoDateTime.nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/** Where dishes are made (주방, 음료, 바), and its ticket printer. */
export const Station = z.object({
  id: Id,
  name: z.string(),
  sortOrder: z.number().int(),
  printer: z.object({ host: z.string(), port: z.number().int() }).nullable(),
  printerStatus: PrinterStatus,
  /** Set only in the `station.updated` event of a deleted station. */
  deletedAt: IsoDateTime.nullable(),
});
export type Station = z.infer<typeof Station>;

export const StationList = z.object({ stations: z.array(Station) });
export type StationList = z.infer<typeof StationList>;

export const CreateStationBody = z.object({
  name: displayText(1, 30),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  printer: Printer.nullable().optional(),
});
export type CreateStationBody = z.infer<typeof CreateStationBody>;

export const UpdateStationBody = CreateStationBody.partial().refine(
  (body) => Object.keys(body).length > 0,
  'send at least one field',
);
export type UpdateStationBody = z.infer<typeof UpdateStationBody>;

export const PrinterStatusBody = z.object({ online: z.boolean(), error: displayText(0, 200).optional() });
export type PrinterStatusBody = z.infer<typeof PrinterStatusBody>;

export const BumpBody = z.object({ stationId: Id });
export type BumpBody = z.infer<typeof BumpBody>;

export const PrintBody = z.object({ stationId: Id.optional() });
export type PrintBody = z.infer<typeof PrintBody>;

/** The kinds of print job: an order's ticket, a reprint, a cancel ticket (취소) and a moved order. */
export const PRINT_JOB_KINDS = ['order', 'reprint', 'void', 'move'] as const;
export const PrintJobKind = z.enum(PRINT_JOB_KINDS);
export type PrintJobKind = z.infer<typeof PrintJobKind>;

/** What a kitchen ticket shows, as it was when the job was queued. */
export const PrintTicket = z.object({
  storeName: z.string(),
  tableNumber: z.number().int(),
  orderNo: z.number().int(),
  /** When the order was placed. */
  createdAt: IsoDateTime,
  source: z.string(),
  note: z.string().nullable(),
  /** A void's reason. */
  reason: z.string().nullable().optional(),
  lines: z.array(
    z.object({
      name: z.string(),
      quantity: z.number().int(),
      options: z.array(z.string()),
      note: z.string().nullable(),
    }),
  ),
});
export type PrintTicket = z.infer<typeof PrintTicket>;

/** One ticket to print, as the print agent claims it. */
export const PrintJob = z.object({
  id: Id,
  /** Queue position: a printer's tickets print in this order. */
  seq: z.number().int(),
  stationId: Id,
  stationName: z.string(),
  orderId: Id,
  kind: PrintJobKind,
  /** When the job was queued (a reprint's or void's own time). */
  createdAt: IsoDateTime,
  /** How many times it was claimed, this claim included. */
  attempts: z.number().int(),
  /** The store's time zone, for the times printed on the ticket. */
  timezone: z.string(),
  ticket: PrintTicket,
});
export type PrintJob = z.infer<typeof PrintJob>;

/** Who is printing: the agent's own id, kept in its state file. */
export const AgentId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits or . _ : -');

export const ClaimPrintJobsBody = z.object({
  agentId: AgentId,
  /** The stations of one printer: one queue per printer, so a dead printer holds no other's tickets. */
  stationIds: z.array(Id).min(1).max(50),
  /** Only jobs after this queue position (the head when the agent first started). */
  afterSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(50).optional(),
  /** How long the claim holds: an unacknowledged job is handed out again after it. */
  leaseSeconds: z.number().int().min(5).max(600).optional(),
});
export type ClaimPrintJobsBody = z.infer<typeof ClaimPrintJobsBody>;

export const PrintJobList = z.object({ jobs: z.array(PrintJob) });
export type PrintJobList = z.infer<typeof PrintJobList>;

export const AckPrintJobBody = z.object({ agentId: AgentId });
export type AckPrintJobBody = z.infer<typeof AckPrintJobBody>;

/** The newest queue position of the store's print jobs (0 before any): where a new agent starts. */
export const PrintJobHead = z.object({ seq: z.number().int() });
export type PrintJobHead = z.infer<typeof PrintJobHead>;

/** A reprint's answer: how many tickets were queued. */
export const PrintResponse = z.object({ queued: z.number().int() });
export type PrintResponse = z.infer<typeof PrintResponse>;

/** Age of a kitchen ticket, in minutes, from which it shows amber and then red. */
export const TICKET_AMBER_MINUTES = 10;
export const TICKET_RED_MINUTES = 20;
/** The print agent reports each printer at least this often; without a report for 30 s it is offline. */
export const PRINTER_REPORT_SECONDS = 10;
export const PRINTER_STALE_SECONDS = 30;

/** What a kitchen display shows: the store's live orders (of open visits), oldest first. */
export const KitchenBoard = z.object({ orders: z.array(Order) });
export type KitchenBoard = z.infer<typeof KitchenBoard>;
