import { queryKeys } from '@admin/lib/query-keys';
import { queryClient } from '@admin/lib/session';
import { ApiError } from '@shared/api/client';

/**
 * After the server refused a change (someone else moved or deleted the order first), show the
 * board as it is now. When the server could not be reached at all there is nothing to ask: the
 * board stays as last known and the stream's reconnect refetches it.
 */
export function resyncDashboard(error: unknown): void {
  if (error instanceof ApiError && error.isNetwork) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
}
