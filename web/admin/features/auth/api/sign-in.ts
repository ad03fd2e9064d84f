import { useMutation } from '@tanstack/react-query';
import { signIn } from '@admin/lib/session';
import { storedValue } from '@shared/lib/stored';

/** The store code is typed once per device; later sign-ins start with it filled in. */
export const lastStoreCode = storedValue<string>('tableorder.admin.storeCode');

export function useSignIn() {
  return useMutation({
    mutationFn: signIn,
    onSuccess: (_answer, body) => lastStoreCode.set(body.storeCode.trim().toLowerCase()),
  });
}
