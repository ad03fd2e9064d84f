import { useMutation } from '@tanstack/react-query';
import type { AdminUser, CreateAdminUserBody, UpdateAdminUserBody } from '@contract/stores';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api, queryClient } from '@superadmin/lib/session';

export function createStoreAdmin(input: { storeId: string; body: CreateAdminUserBody }): Promise<AdminUser> {
  return api.post<AdminUser>(`/superadmin/stores/${input.storeId}/admins`, input.body);
}

export function updateStoreAdmin(input: {
  storeId: string;
  adminId: string;
  body: UpdateAdminUserBody;
}): Promise<AdminUser> {
  return api.patch<AdminUser>(`/superadmin/stores/${input.storeId}/admins/${input.adminId}`, input.body);
}

export function deleteStoreAdmin(input: { storeId: string; adminId: string }): Promise<void> {
  return api.delete(`/superadmin/stores/${input.storeId}/admins/${input.adminId}`);
}

const refresh = (storeId: string) => queryClient.invalidateQueries({ queryKey: queryKeys.admins(storeId) });

export function useCreateStoreAdmin() {
  return useMutation({ mutationFn: createStoreAdmin, onSuccess: (_admin, { storeId }) => refresh(storeId) });
}

export function useUpdateStoreAdmin() {
  return useMutation({ mutationFn: updateStoreAdmin, onSuccess: (_admin, { storeId }) => refresh(storeId) });
}

export function useDeleteStoreAdmin() {
  return useMutation({ mutationFn: deleteStoreAdmin, onSuccess: (_none, { storeId }) => refresh(storeId) });
}
