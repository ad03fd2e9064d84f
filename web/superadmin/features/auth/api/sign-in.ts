import { useMutation } from '@tanstack/react-query';
import type { SuperadminLoginBody, SuperadminLoginResponse } from '@contract/auth';
import { api, queryClient, session } from '@superadmin/lib/session';

export function signIn(body: SuperadminLoginBody): Promise<SuperadminLoginResponse> {
  return api.post<SuperadminLoginResponse>('/auth/superadmin/login', body, { anonymous: true });
}

export function useSignIn() {
  return useMutation({
    mutationFn: signIn,
    onSuccess: (res) => {
      queryClient.clear();
      session.signIn({ token: res.token, expiresAt: res.expiresAt, principal: res.admin });
    },
  });
}
