import { useMutation } from '@tanstack/react-query';
import type { CreateStoreBody, Store, UpdateStoreBody } from '@contract/stores';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api, queryClient } from '@superadmin/lib/session';

export function createStore(body: CreateStoreBody): Promise<Store> {
  return api.post<Store>('/superadmin/stores', body);
}

export function updateStore(input: { storeId: string; body: UpdateStoreBody }): Promise<Store> {
  return api.patch<Store>(`/superadmin/stores/${input.storeId}`, input.body);
}

const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.stores });

export function useCreateStore() {
  return useMutation({ mutationFn: createStore, onSuccess: refresh });
}

export function useUpdateStore() {
  return useMutation({ mutationFn: updateStore, onSuccess: refresh });
}
