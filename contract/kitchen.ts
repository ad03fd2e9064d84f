import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';
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
});
export type Station = z.infer<typeof Station>;

export const StationList = z.object({ stations: z.array(Station) });

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
