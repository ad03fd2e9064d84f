import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

export const TableNumber = z.number().int().min(1).max(999);
/** Table passwords are typed on the tablet by staff: short, but at least 4 characters. */
export const TablePassword = z.string().min(4, 'must be at least 4 characters').max(64);

export const Table = z.object({
  id: Id,
  number: z.number().int(),
  sessionId: Id.nullable(),
  sessionStartedAt: IsoDateTime.nullable(),
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
