import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { AdminUser, CreateAdminUserBody, UpdateAdminUserBody } from '@contract/stores';

export function createUser(body: CreateAdminUserBody): Promise<AdminUser> {
  return api.post<AdminUser>('/admin/users', body);
}

export function updateUser(input: { userId: string; body: UpdateAdminUserBody }): Promise<AdminUser> {
  return api.patch<AdminUser>(`/admin/users/${input.userId}`, input.body);
}

const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.users });

export function useCreateUser() {
  return useMutation({ mutationFn: createUser, onSuccess: refresh });
}

export function useUpdateUser() {
  return useMutation({ mutationFn: updateUser, onSuccess: refresh });
}
