import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './query-state';

export interface QueryListProps<T> {
  query: UseQueryResult<T[], unknown>;
  /** What an empty list says; the generic "nothing yet" otherwise. */
  empty?: ReactNode;
  children: (items: T[]) => ReactNode;
}

/** A list from the server: loading, failed with a retry, empty, or shown by `children`. */
export function QueryList<T>({ query, empty, children }: QueryListProps<T>) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.length === 0) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}
