import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { CreateStationBody, Station, UpdateStationBody } from '@contract/kitchen';

export function createStation(body: CreateStationBody) {
  return api.post<Station>('/admin/stations', body);
}

export function updateStation(input: { id: string; body: UpdateStationBody }) {
  return api.patch<Station>(`/admin/stations/${input.id}`, input.body);
}

export function deleteStation(id: string) {
  return api.delete<void>(`/admin/stations/${id}`);
}

const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.stations });

export function useCreateStation() {
  return useMutation({ mutationFn: createStation, onSettled: refresh });
}

export function useUpdateStation() {
  return useMutation({ mutationFn: updateStation, onSettled: refresh });
}

export function useDeleteStation() {
  return useMutation({ mutationFn: deleteStation, onSettled: refresh });
}
