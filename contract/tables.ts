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
