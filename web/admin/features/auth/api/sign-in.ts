import { useMutation } from '@tanstack/react-query';
import { api, queryClient, session } from '@admin/lib/session';
import type { AdminLoginBody, AdminLoginResponse } from '@contract/auth';
import { storedValue } from '@shared/lib/stored';

/** The store code is typed once per device; later sign-ins start with it filled in. */
export const lastStoreCode = storedValue<string>('tableorder.admin.storeCode');

export function signIn(body: AdminLoginBody): Promise<AdminLoginResponse> {
  return api.post<AdminLoginResponse>('/auth/admin/login', body, { anonymous: true });
}

export function useSignIn() {
  return useMutation({
    mutationFn: signIn,
    onSuccess: (res, body) => {
      queryClient.clear();
      lastStoreCode.set(body.storeCode.trim().toLowerCase());
      session.signIn({ token: res.token, expiresAt: res.expiresAt, principal: res.admin });
    },
  });
}
