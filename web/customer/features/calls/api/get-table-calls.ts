import type { Call, CallList } from '@contract/calls';
import { api } from '@customer/lib/api';

/** The table's calls of its current guests, newest first (an open call always among them). */
export async function getTableCalls(): Promise<Call[]> {
  return (await api.get<CallList>('/table/calls')).calls;
}
