import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { StoreSettings, UpdateSettingsBody } from '@contract/guests';

export const settingsQuery = queryOptions({
  queryKey: queryKeys.settings,
  queryFn: ({ signal }) => api.get<StoreSettings>('/admin/settings', { signal }),
});

export function useSettings() {
  return useQuery(settingsQuery);
}

/** Owners change how guests' phones may order; the answer (and the stream) update every screen. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettingsBody) => api.patch<StoreSettings>('/admin/settings', body),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.settings, settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
    },
  });
}
