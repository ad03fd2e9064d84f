import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { Station } from '@contract/kitchen';

export function getStations(signal?: AbortSignal) {
  return api.get<{ stations: Station[] }>('/admin/stations', { signal }).then((data) => data.stations);
}

export const stationsQuery = queryOptions({
  queryKey: queryKeys.stations,
  queryFn: ({ signal }) => getStations(signal),
});

export function useStations() {
  return useQuery(stationsQuery);
}
