import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ClaimPrintJobsBody, PrintJob } from '../../../contract/kitchen.js';
import type { Db } from '../../db/client.js';
import { printJobs, stations, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { toPrintJob } from './kitchen.dto.js';

const DEFAULT_CLAIM_LIMIT = 10;
const DEFAULT_LEASE_SECONDS = 60;

/**
 * The print agents' queue. Tickets are claimed with a lease and acknowledged once the printer
 * took them: a job not acknowledged is handed out again when its lease ends (or at once to the
 * agent that holds it, which retries it in order); an acknowledged job is never handed out again.
 * Claims lock with SKIP LOCKED and lease in the same transaction, so two agents never get the
 * same job while its lease runs. Queue bookkeeping, not store state: it writes no events.
 */
export function createPrintJobsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The store's newest queue position: an agent starting for the first time prints only what comes after. */
  async function head(storeId: string): Promise<number> {
    const [row] = await db
      .select({ seq: sql<number | null>`max(${printJobs.seq})` })
      .from(printJobs)
      .where(eq(printJobs.storeId, storeId));
    return row?.seq == null ? 0 : Number(row.seq);
  }

  /** The oldest unprinted jobs of one printer's stations that are free (or already this agent's), leased to it. */
  async function claim(storeId: string, body: ClaimPrintJobsBody): Promise<PrintJob[]> {
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + (body.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000);
    return db.transaction(async (tx) => {
      const free = await tx
        .select({ id: printJobs.id })
        .from(printJobs)
        .where(
          and(
            eq(printJobs.storeId, storeId),
            inArray(printJobs.stationId, body.stationIds),
            isNull(printJobs.printedAt),
            gt(printJobs.seq, body.afterSeq ?? 0),
            or(isNull(printJobs.leasedUntil), lte(printJobs.leasedUntil, now), eq(printJobs.leasedBy, body.agentId)),
          ),
        )
        .orderBy(asc(printJobs.seq))
        .limit(body.limit ?? DEFAULT_CLAIM_LIMIT)
        // Another agent's claim in flight holds its rows: skip them instead of waiting for them.
        .for('update', { skipLocked: true });
      if (free.length === 0) return [];
      const leased = await tx
        .update(printJobs)
        .set({ leasedUntil: leaseUntil, leasedBy: body.agentId, attempts: sql`${printJobs.attempts} + 1` })
        .where(
          inArray(
            printJobs.id,
            free.map((row) => row.id),
          ),
        )
        .returning();
      const [store] = await tx.select({ timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId));
      const names = await tx
        .select({ id: stations.id, name: stations.name })
        .from(stations)
        .where(
          inArray(
            stations.id,
            leased.map((row) => row.stationId),
          ),
        );
      const nameOf = new Map(names.map((row) => [row.id, row.name]));
      return leased
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map((row) => toPrintJob(row, { name: nameOf.get(row.stationId) ?? '' }, store?.timezone ?? 'Asia/Seoul'));
    });
  }

  /** The printer took the job: it is never handed out again. Acknowledging twice is fine. */
  async function ack(storeId: string, jobId: string): Promise<void> {
    const now = clock.now();
    const done = await db
      .update(printJobs)
      .set({ printedAt: now, leasedUntil: null })
      .where(and(eq(printJobs.id, jobId), eq(printJobs.storeId, storeId), isNull(printJobs.printedAt)))
      .returning({ id: printJobs.id });
    if (done.length > 0) return;
    const [exists] = await db
      .select({ id: printJobs.id })
      .from(printJobs)
      .where(and(eq(printJobs.id, jobId), eq(printJobs.storeId, storeId)));
    if (!exists) throw notFound('print job');
  }

  return { head, claim, ack };
}

export type PrintJobsService = ReturnType<typeof createPrintJobsService>;
