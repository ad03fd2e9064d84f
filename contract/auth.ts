import { z } from 'zod';
import { Id, IsoDateTime, TableNumber } from './common.js';

/** Store staff: owners (everything), managers (everything but accounts and sales), kitchen devices. */
export const StaffRole = z.enum(['owner', 'manager', 'kitchen']);
export type StaffRole = z.infer<typeof StaffRole>;
export const AdminRole = z.enum(['superadmin', 'owner', 'manager', 'kitchen']);
export type AdminRole = z.infer<typeof AdminRole>;

/** Sign-in inputs are checked loosely: a wrong-looking store code is just a failed sign-in (401). */
const storeCode = z.string().trim().toLowerCase().min(1).max(64);
const secret = z.string().min(1).max(128);

export const TableLoginBody = z.object({
  storeCode,
  tableNumber: TableNumber,
  password: secret,
});
export type TableLoginBody = z.infer<typeof TableLoginBody>;

export const TableLoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  table: z.object({ id: Id, number: TableNumber, storeId: Id, storeName: z.string() }),
});
export type TableLoginResponse = z.infer<typeof TableLoginResponse>;

export const AdminLoginBody = z.object({
  storeCode,
  username: z.string().trim().min(1).max(64),
  password: secret,
});
export type AdminLoginBody = z.infer<typeof AdminLoginBody>;

export const AdminLoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  admin: z.object({
    id: Id,
    username: z.string(),
    role: StaffRole,
    storeId: Id,
    storeName: z.string(),
  }),
});
export type AdminLoginResponse = z.infer<typeof AdminLoginResponse>;

export const SuperadminLoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: secret,
});
export type SuperadminLoginBody = z.infer<typeof SuperadminLoginBody>;

export const SuperadminLoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  admin: z.object({ id: Id, username: z.string(), role: z.literal('superadmin') }),
});
export type SuperadminLoginResponse = z.infer<typeof SuperadminLoginResponse>;
