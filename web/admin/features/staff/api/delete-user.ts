import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';

export function deleteUser(userId: string): Promise<void> {
  return api.delete(`/admin/users/${userId}`);
}

export function useDeleteUser() {
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
