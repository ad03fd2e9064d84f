import type { SuperadminLoginResponse } from '@contract/auth';
import { createApiClient } from '@shared/api/client';
import { createSessionStore } from '@shared/auth/session';
import { createQueryClient } from '@shared/ui/app-providers';

export type SuperadminPrincipal = SuperadminLoginResponse['admin'];

export const session = createSessionStore<SuperadminPrincipal>('tableorder.superadmin.session');

export const queryClient = createQueryClient();

/** Every call carries the super-admin token; a 401 anywhere ends the session and shows sign-in. */
export const api = createApiClient({
  getToken: session.token,
  onUnauthorized: (error) => session.signOut(error.code === 'TOKEN_EXPIRED' ? 'expired' : 'unauthorized'),
});

// Data must not outlive the session that fetched it (sign-out here, or another account in another tab).
const owner = () => session.get()?.principal.id ?? null;
let current = owner();
session.subscribe(() => {
  const next = owner();
  if (next !== current) queryClient.clear();
  current = next;
});
