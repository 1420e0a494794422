import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type NewRemixJob, type RemixDelivery, type RemixJob, type RemixTimings, remixJobs } from '../schema/remix.ts';

export async function createRemixJob(
  db: Db,
  job: Omit<NewRemixJob, 'id' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempts'>,
): Promise<RemixJob> {
  const [row] = await db.insert(remixJobs).values(job).returning();
  return row!;
}

/**
 * The row of one request (by correlation id), created by the first run to ask: runs of the same
 * request, in parallel or one after another, all get the same row.
 */
export async function openRemixJob(
  db: Db,
  job: Omit<NewRemixJob, 'id' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempts'> & {
    correlationId: string;
  },
): Promise<RemixJob> {
  const [created] = await db.insert(remixJobs).values(job).onConflictDoNothing().returning();
  if (created) return created;
  const found = await findRemixJob(db, job.correlationId);
  if (!found) throw new Error(`remix job ${job.correlationId} neither created nor found`);
  return found;
}

export async function findRemixJob(db: Db, correlationId: string): Promise<RemixJob | undefined> {
  const [row] = await db.select().from(remixJobs).where(eq(remixJobs.correlationId, correlationId)).limit(1);
  return row;
}

export async function getRemixJob(db: Db, id: string): Promise<RemixJob | undefined> {
  const [row] = await db.select().from(remixJobs).where(eq(remixJobs.id, id)).limit(1);
  return row;
}

/** Marks a job running (again, on a retry) and counts the attempt; never a delivered one. */
export async function startRemixJob(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(remixJobs)
    .set({ status: 'running', startedAt: now, error: null, attempts: sql`${remixJobs.attempts} + 1` })
    .where(and(eq(remixJobs.id, id), isNull(remixJobs.deliveredAt)));
}

export type DeliveryClaim =
  | { status: 'claimed' }
  /** Delivered already (by another run): the row, with its `delivery`. */
  | { status: 'delivered'; job: RemixJob }
  /** Another run claimed it since `staleBefore` and has not confirmed yet. */
  | { status: 'busy'; since: Date };

/**
 * Claims sending a job's final message: only while nobody delivered it and nobody else holds a
 * claim newer than `staleBefore` (an older one is a run that died while sending: taken over).
 */
export async function claimRemixDelivery(
  db: Db,
  id: string,
  at: { now: Date; staleBefore: Date },
): Promise<DeliveryClaim> {
  const [claimed] = await db
    .update(remixJobs)
    .set({ deliveringAt: at.now })
    .where(
      and(
        eq(remixJobs.id, id),
        isNull(remixJobs.deliveredAt),
        or(isNull(remixJobs.deliveringAt), lt(remixJobs.deliveringAt, at.staleBefore)),
      ),
    )
    .returning({ id: remixJobs.id });
  if (claimed) return { status: 'claimed' };
  const job = await getRemixJob(db, id);
  if (!job) throw new Error(`remix job ${id} is gone`);
  if (job.deliveredAt) return { status: 'delivered', job };
  return { status: 'busy', since: job.deliveringAt ?? at.now };
}

/** Confirms the delivery: the job succeeded, and every later run of it stops at once. */
export async function recordRemixDelivered(
  db: Db,
  id: string,
  outcome: { outputKey: string; contentHash: string; timings?: RemixTimings; delivery: RemixDelivery; now: Date },
): Promise<void> {
  await db
    .update(remixJobs)
    .set({
      status: 'succeeded',
      finishedAt: outcome.now,
      deliveredAt: outcome.now,
      delivery: outcome.delivery,
      outputKey: outcome.outputKey,
      contentHash: outcome.contentHash,
      error: null,
      ...(outcome.timings ? { timings: outcome.timings } : {}),
    })
    .where(eq(remixJobs.id, id));
}

export async function finishRemixJob(
  db: Db,
  id: string,
  outcome:
    | { status: 'succeeded'; outputKey: string; contentHash: string; timings?: RemixTimings; now: Date }
    | { status: 'failed' | 'cancelled'; error: string; timings?: RemixTimings; now: Date },
): Promise<void> {
  const common = {
    status: outcome.status,
    finishedAt: outcome.now,
    ...(outcome.timings ? { timings: outcome.timings } : {}),
  };
  await db
    .update(remixJobs)
    .set(
      outcome.status === 'succeeded'
        ? { ...common, outputKey: outcome.outputKey, contentHash: outcome.contentHash, error: null }
        : { ...common, error: outcome.error },
    )
    // A failure never overwrites a delivery (a late run of a delivered job, ADR 0229).
    .where(
      outcome.status === 'succeeded' ? eq(remixJobs.id, id) : and(eq(remixJobs.id, id), isNull(remixJobs.deliveredAt)),
    );
}
