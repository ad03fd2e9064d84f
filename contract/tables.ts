import { z } from 'zod';
import { Id, IsoDateTime, TableNumber } from './common.js';

export { TableNumber } from './common.js';
/** Table passwords are typed on the tablet by staff: short, but at least 4 characters. */
export const TablePassword = z.string().min(4, 'must be at least 4 characters').max(64);

export const Table = z.object({
  id: Id,
  number: TableNumber,
  sessionId: Id.nullable(),
  sessionStartedAt: IsoDateTime.nullable(),
  /** Guests at the table in the open visit, when someone said. */
  guests: z.number().int().nullable(),
});
export type Table = z.infer<typeof Table>;

export const TableList = z.object({ tables: z.array(Table) });

export const CreateTableBody = z.object({ number: TableNumber, password: TablePassword });
export type CreateTableBody = z.infer<typeof CreateTableBody>;

export const UpdateTableBody = z
  .object({ number: TableNumber.optional(), password: TablePassword.optional() })
  .refine((body) => body.number !== undefined || body.password !== undefined, 'send number or password');
export type UpdateTableBody = z.infer<typeof UpdateTableBody>;

export const EndSessionResponse = z.object({ sessionId: Id, archivedOrders: z.number().int() });
export type EndSessionResponse = z.infer<typeof EndSessionResponse>;

export const Guests = z.number().int().min(1).max(99);

export const OpenTableBody = z.object({ guests: Guests.optional() });
export type OpenTableBody = z.infer<typeof OpenTableBody>;

/** 자리 이동: the open visit, with everything of it, moves to a free table. */
export const MoveTableBody = z.object({ toTableId: Id });
export type MoveTableBody = z.infer<typeof MoveTableBody>;

/** 합석: the other table's open visit joins this table's. */
export const MergeTableBody = z.object({ fromTableId: Id });
export type MergeTableBody = z.infer<typeof MergeTableBody>;

/** The table's QR sticker: `url` is where it points (`<PUBLIC_BASE_URL>/q/<code>`). */
export const TableQr = z.object({ code: z.string(), url: z.string() });
export type TableQr = z.infer<typeof TableQr>;

/** What a tablet or phone opens: the visit as it stands. */
export const TableSession = z.object({
  sessionId: Id,
  tableId: Id,
  openedAt: IsoDateTime,
  guests: z.number().int().nullable(),
  /** The PIN guests' phones type, when the store requires one (shown on the tablet). */
  pin: z.string().nullable(),
});
export type TableSession = z.infer<typeof TableSession>;

/**
 * `GET /table/session`: the table's open visit, or null between visits. `askGuestCount`: the store
 * wants the guest count when a visit opens, so the tablet asks its guests before anything else
 * (`POST /table/open {guests}`) while no visit is open.
 */
export const CurrentTableSession = z.object({ session: TableSession.nullable(), askGuestCount: z.boolean() });
export type CurrentTableSession = z.infer<typeof CurrentTableSession>;
