import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { OptionGroup } from '@contract/menus';

/** The store's option groups a dish can offer (the same cache entry as the option groups page). */
export function useOptionGroupChoices() {
  return useQuery({
    queryKey: queryKeys.optionGroups,
    queryFn: ({ signal }) => api.get<{ optionGroups: OptionGroup[] }>('/admin/option-groups', { signal }),
    select: (data) => data.optionGroups,
  });
}
