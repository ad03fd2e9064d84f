import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './query-state';

export interface QueryListProps<T> {
  query: UseQueryResult<T[], unknown>;
  /** What an empty list says; the generic "nothing yet" otherwise. */
  empty?: ReactNode;
  children: (items: T[]) => ReactNode;
}

/**
 * A list from the server: loading, failed with a retry, empty, or shown by `children`. A list
 * already on screen stays there when a later refetch fails (an outage must not blank the screen);
 * the failure only replaces it while there is nothing to show.
 */
export function QueryList<T>({ query, empty, children }: QueryListProps<T>) {
  if (query.data === undefined) {
    return query.isError ? <ErrorState error={query.error} onRetry={() => query.refetch()} /> : <LoadingState />;
  }
  if (query.data.length === 0) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}
