import { DEFAULT_CALL_REASONS } from '../../../contract/calls.js';
import type { Queryable } from '../../db/client.js';
import { callReasons, stations } from '../../db/schema/index.js';

/** The station every store starts with: dishes of unrouted categories go there. */
export const DEFAULT_STATION = '주방';

/**
 * What a new store starts with besides its row: the kitchen station (a store always has at
 * least one) and the default staff-call presets. Written in the store's creating transaction.
 */
export async function seedStoreDefaults(q: Queryable, storeId: string): Promise<{ stationId: string }> {
  const [station] = await q
    .insert(stations)
    .values({ storeId, name: DEFAULT_STATION, sortOrder: 0 })
    .returning({ id: stations.id });
  if (!station) throw new Error('default station not created');
  await q.insert(callReasons).values(DEFAULT_CALL_REASONS.map((label, sortOrder) => ({ storeId, label, sortOrder })));
  return { stationId: station.id };
}
