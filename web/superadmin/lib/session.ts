import type { SuperadminLoginBody, SuperadminLoginResponse } from '@contract/auth';
import { createStaffSession } from '@shared/auth/session';

export type SuperadminPrincipal = SuperadminLoginResponse['admin'];

/** The super-admin's session; cached data belongs to one account. */
export const { session, api, queryClient, signIn } = createStaffSession<SuperadminPrincipal, SuperadminLoginBody>({
  storageKey: 'tableorder.superadmin.session',
  signInPath: '/auth/superadmin/login',
  owner: (admin) => admin.id,
});
