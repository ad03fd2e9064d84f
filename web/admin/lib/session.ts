import type { AdminLoginBody, AdminLoginResponse } from '@contract/auth';
import { createStaffSession } from '@shared/auth/session';

export type StaffPrincipal = AdminLoginResponse['admin'];

/** The store staff's session; cached data belongs to one account of one store. */
export const { session, api, queryClient, signIn } = createStaffSession<StaffPrincipal, AdminLoginBody>({
  storageKey: 'tableorder.admin.session',
  signInPath: '/auth/admin/login',
  owner: (admin) => `${admin.storeId}/${admin.id}`,
});
