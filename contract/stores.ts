import { z } from 'zod';
import { StaffRole } from './auth.js';
import { Id, IsoDateTime } from './common.js';
import { displayText } from './text.js';

export const StoreCode = z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be 2–32 characters of a–z, 0–9 and -');

export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Seoul');

export const Store = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  isActive: z.boolean(),
  createdAt: IsoDateTime,
});
export type Store = z.infer<typeof Store>;

export const StoreName = displayText(1, 100);

export const CreateStoreBody = z.object({
  code: StoreCode,
  name: StoreName,
  timezone: TimeZone.optional(),
  isActive: z.boolean().optional(),
});
export type CreateStoreBody = z.infer<typeof CreateStoreBody>;

export const UpdateStoreBody = z
  .object({
    code: StoreCode.optional(),
    name: StoreName.optional(),
    timezone: TimeZone.optional(),
    isActive: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateStoreBody = z.infer<typeof UpdateStoreBody>;

export const StoreList = z.object({ stores: z.array(Store) });

/** Usernames of store staff and super-admins. */
export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, 'must be 3–32 characters of letters, digits, ".", "_" or "-"');
/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
export const AdminPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((p) => new TextEncoder().encode(p).length <= 72, 'must be at most 72 bytes');

export const AdminUser = z.object({
  id: Id,
  username: z.string(),
  role: StaffRole,
  storeId: Id,
  createdAt: IsoDateTime,
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserList = z.object({ users: z.array(AdminUser) });

export const CreateAdminUserBody = z.object({
  username: Username,
  password: AdminPassword,
  role: StaffRole,
});
export type CreateAdminUserBody = z.infer<typeof CreateAdminUserBody>;

export const UpdateAdminUserBody = z
  .object({
    username: Username.optional(),
    password: AdminPassword.optional(),
    role: StaffRole.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateAdminUserBody = z.infer<typeof UpdateAdminUserBody>;

export const StoreAdminParams = z.object({ id: Id, adminId: Id });
