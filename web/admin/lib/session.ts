import type { AdminLoginResponse } from '@contract/auth';
import { createApiClient } from '@shared/api/client';
import { createSessionStore } from '@shared/auth/session';
import { createQueryClient } from '@shared/ui/app-providers';

export type StaffPrincipal = AdminLoginResponse['admin'];

export const session = createSessionStore<StaffPrincipal>('tableorder.admin.session');

export const queryClient = createQueryClient();

/** Every call carries the staff token; a 401 anywhere ends the session and shows sign-in. */
export const api = createApiClient({
  getToken: session.token,
  onUnauthorized: (error) => session.signOut(error.code === 'TOKEN_EXPIRED' ? 'expired' : 'unauthorized'),
});

// Another store's (or another person's) data must not outlive the session that fetched it,
// whether this tab signed out or another tab signed in as someone else.
const owner = () => {
  const principal = session.get()?.principal;
  return principal ? `${principal.storeId}/${principal.id}` : null;
};
let current = owner();
session.subscribe(() => {
  const next = owner();
  if (next !== current) queryClient.clear();
  current = next;
});
