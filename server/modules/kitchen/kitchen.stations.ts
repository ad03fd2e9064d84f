import { and, asc, eq, inArray, isNull, lt, max } from 'drizzle-orm';
import { ErrorCodes } from '../../../contract/common.js';
import {
  type CreateStationBody,
  DEFAULT_PRINTER_PORT,
  PRINTER_STALE_SECONDS,
  type PrinterStatus,
  type PrinterStatusBody,
  type Station,
  type UpdateStationBody,
} from '../../../contract/kitchen.js';
import type { Db, Tx } from '../../db/client.js';
import { menuCategories, printJobs, stations } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import { menuChanged } from '../menus/menus.service.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { toStation } from './kitchen.dto.js';

/** Why a printer shows offline when the agent went quiet. */
export const NO_AGENT_REPORT = 'no report from the print agent';

const NAME_KEY = 'stations_store_name_live_key';

async function uniqueName<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err, NAME_KEY)) {
      throw conflict(ErrorCodes.duplicate, 'This store already has a station with this name', { field: 'name' });
    }
    throw err;
  }
}

const liveStation = (storeId: string, id: string) =>
  and(eq(stations.id, id), eq(stations.storeId, storeId), isNull(stations.deletedAt));

/**
 * Locks every live station of the store (by id, the one order used everywhere), so "is this the
 * last one" and "does a category still use it" cannot change until the commit.
 */
async function lockStations(tx: Tx, storeId: string) {
  return tx
    .select()
    .from(stations)
    .where(and(eq(stations.storeId, storeId), isNull(stations.deletedAt)))
    .orderBy(asc(stations.id))
    .for('update');
}

/**
 * Stations (주방, 음료, 바 …) and their printers. Every change that can re-route dishes (a new,
 * moved or deleted station) bumps the menu version, so the next order routes with the new map.
 */
export function createStationsService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  async function list(storeId: string): Promise<Station[]> {
    const rows = await db
      .select()
      .from(stations)
      .where(and(eq(stations.storeId, storeId), isNull(stations.deletedAt)))
      .orderBy(asc(stations.sortOrder), asc(stations.createdAt), asc(stations.id));
    return rows.map(toStation);
  }

  async function create(storeId: string, body: CreateStationBody): Promise<Station> {
    return uniqueName(
      events.transaction(storeId, async (tx, emit) => {
        let sortOrder = body.sortOrder;
        if (sortOrder === undefined) {
          const [row] = await tx
            .select({ top: max(stations.sortOrder) })
            .from(stations)
            .where(and(eq(stations.storeId, storeId), isNull(stations.deletedAt)));
          sortOrder = row?.top == null ? 0 : row.top + 1;
        }
        const now = clock.now();
        const [row] = await tx
          .insert(stations)
          .values({
            storeId,
            name: body.name,
            sortOrder,
            printerHost: body.printer?.host ?? null,
            printerPort: body.printer ? (body.printer.port ?? DEFAULT_PRINTER_PORT) : null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('station insert returned nothing');
        const station = toStation(row);
        // A new station may come first by sortOrder: unrouted categories then go to it.
        await menuChanged(tx, storeId, emit);
        emit({ type: 'station.updated', data: { station } });
        return station;
      }),
    );
  }

  async function update(storeId: string, id: string, body: UpdateStationBody): Promise<Station> {
    return uniqueName(
      events.transaction(storeId, async (tx, emit) => {
        const [current] = await tx.select().from(stations).where(liveStation(storeId, id)).for('update');
        if (!current) throw notFound('station');
        const now = clock.now();
        const nextHost = body.printer === undefined ? current.printerHost : (body.printer?.host ?? null);
        const nextPort =
          body.printer === undefined
            ? current.printerPort
            : body.printer
              ? (body.printer.port ?? DEFAULT_PRINTER_PORT)
              : null;
        const printerChanged = nextHost !== current.printerHost || nextPort !== current.printerPort;
        const [row] = await tx
          .update(stations)
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.sortOrder !== undefined ? { sortOrder: body.sortOrder } : {}),
            ...(printerChanged
              ? {
                  printerHost: nextHost,
                  printerPort: nextPort,
                  // A new printer has no state yet: the agent reports it within seconds.
                  printerOnline: null,
                  printerError: null,
                  printerCheckedAt: null,
                }
              : {}),
            updatedAt: now,
          })
          .where(eq(stations.id, id))
          .returning();
        if (!row) throw notFound('station');
        if (nextHost && !current.printerHost) {
          // Tickets queued while the station had no printer were read off the kitchen display;
          // a printer set up later starts with the next ticket rather than a stack of old ones.
          await tx
            .update(printJobs)
            .set({ printedAt: now, leasedBy: 'skipped: no printer' })
            .where(and(eq(printJobs.stationId, id), isNull(printJobs.printedAt)));
        }
        if (body.sortOrder !== undefined && body.sortOrder !== current.sortOrder) {
          await menuChanged(tx, storeId, emit);
        }
        const station = toStation(row);
        emit({ type: 'station.updated', data: { station } });
        return station;
      }),
    );
  }

  /**
   * Deletes a station no category routes to (409 STATION_IN_USE otherwise), never the last one.
   * Soft: order lines and print jobs keep pointing at it.
   */
  async function remove(storeId: string, id: string): Promise<void> {
    await events.transaction(storeId, async (tx, emit) => {
      const live = await lockStations(tx, storeId);
      if (!live.some((row) => row.id === id)) throw notFound('station');
      const using = await tx
        .select({ id: menuCategories.id, name: menuCategories.name })
        .from(menuCategories)
        .where(and(eq(menuCategories.stationId, id), isNull(menuCategories.deletedAt)));
      if (using.length > 0) {
        throw conflict(
          ErrorCodes.stationInUse,
          `Categories still send their dishes here (${using.map((c) => c.name).join(', ')}); route them elsewhere first`,
          { categoryIds: using.map((c) => c.id) },
        );
      }
      if (live.length <= 1) {
        throw conflict(ErrorCodes.stationInUse, 'A store keeps at least one station', { lastStation: true });
      }
      const now = clock.now();
      const [row] = await tx
        .update(stations)
        .set({ deletedAt: now, updatedAt: now })
        .where(eq(stations.id, id))
        .returning();
      if (!row) throw notFound('station');
      await menuChanged(tx, storeId, emit);
      emit({ type: 'station.updated', data: { station: toStation(row) } });
    });
  }

  /**
   * The print agent's report on a station's printer (at least every 10 s). Only a change of state
   * is an event; a report that says what the last one said just keeps the printer fresh.
   */
  async function reportPrinter(storeId: string, id: string, body: PrinterStatusBody): Promise<PrinterStatus> {
    return events.transaction(storeId, async (tx, emit) => {
      const [current] = await tx.select().from(stations).where(liveStation(storeId, id)).for('update');
      if (!current) throw notFound('station');
      const error = body.online ? null : body.error?.trim() || null;
      const now = clock.now();
      const [row] = await tx
        .update(stations)
        .set({ printerOnline: body.online, printerError: error, printerCheckedAt: now })
        .where(eq(stations.id, id))
        .returning();
      if (!row) throw notFound('station');
      const status = toStation(row).printerStatus;
      if (current.printerOnline !== body.online || current.printerError !== error) {
        emit({ type: 'printer.updated', data: status });
      }
      return status;
    });
  }

  /**
   * Marks printers offline whose agent has not reported for PRINTER_STALE_SECONDS. Safe on several
   * replicas: the update re-checks each row under its lock, so one replica marks a printer, once.
   */
  async function markSilentPrintersOffline(): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - PRINTER_STALE_SECONDS * 1000);
    const stale = await db
      .select({ id: stations.id, storeId: stations.storeId })
      .from(stations)
      .where(and(eq(stations.printerOnline, true), lt(stations.printerCheckedAt, cutoff), isNull(stations.deletedAt)));
    const byStore = new Map<string, string[]>();
    for (const row of stale) byStore.set(row.storeId, [...(byStore.get(row.storeId) ?? []), row.id]);
    let marked = 0;
    for (const [storeId, ids] of byStore) {
      marked += await events.transaction(storeId, async (tx, emit) => {
        const rows = await tx
          .update(stations)
          .set({ printerOnline: false, printerError: NO_AGENT_REPORT })
          .where(
            and(
              inArray(stations.id, ids),
              eq(stations.printerOnline, true),
              lt(stations.printerCheckedAt, cutoff),
              isNull(stations.deletedAt),
            ),
          )
          .returning();
        for (const row of rows) emit({ type: 'printer.updated', data: toStation(row).printerStatus });
        return rows.length;
      });
    }
    return marked;
  }

  return { list, create, update, remove, reportPrinter, markSilentPrintersOffline };
}

export type StationsService = ReturnType<typeof createStationsService>;
