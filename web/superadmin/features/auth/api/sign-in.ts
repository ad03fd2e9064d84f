import { useMutation } from '@tanstack/react-query';
import { signIn } from '@superadmin/lib/session';

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}
