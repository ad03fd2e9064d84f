import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { CreateOptionGroupBody, OptionGroup, UpdateOptionGroupBody } from '@contract/menus';

export const getOptionGroups = (signal?: AbortSignal) =>
  api.get<{ optionGroups: OptionGroup[] }>('/admin/option-groups', { signal });

export const optionGroupsQuery = queryOptions({
  queryKey: queryKeys.optionGroups,
  queryFn: ({ signal }) => getOptionGroups(signal),
  select: (data) => data.optionGroups,
});

/** The store's option groups in display order (`menu.updated` on the stream refetches them). */
export function useOptionGroups() {
  return useQuery(optionGroupsQuery);
}

const refetch = () => queryClient.invalidateQueries({ queryKey: queryKeys.optionGroups });

export function useCreateOptionGroup() {
  return useMutation({
    mutationFn: (body: CreateOptionGroupBody) => api.post<OptionGroup>('/admin/option-groups', body),
    onSuccess: refetch,
  });
}

export function useUpdateOptionGroup() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOptionGroupBody }) =>
      api.patch<OptionGroup>(`/admin/option-groups/${id}`, body),
    onSuccess: refetch,
  });
}

export function useDeleteOptionGroup() {
  return useMutation({
    mutationFn: (id: string) => api.delete(`/admin/option-groups/${id}`),
    onSuccess: refetch,
  });
}

/** The whole option list as PATCH takes it: every option with its id, so each keeps it. */
export const optionsBody = (group: OptionGroup): NonNullable<UpdateOptionGroupBody['options']> =>
  group.options.map(({ id, name, price, isAvailable, translations }) => ({
    id,
    name,
    price,
    isAvailable,
    translations,
  }));
