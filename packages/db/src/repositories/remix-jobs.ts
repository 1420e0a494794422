import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type NewRemixJob, type RemixJob, type RemixTimings, remixJobs } from '../schema/remix.ts';

export async function createRemixJob(
  db: Db,
  job: Omit<NewRemixJob, 'id' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempts'>,
): Promise<RemixJob> {
  const [row] = await db.insert(remixJobs).values(job).returning();
  return row!;
}

export async function getRemixJob(db: Db, id: string): Promise<RemixJob | undefined> {
  const [row] = await db.select().from(remixJobs).where(eq(remixJobs.id, id)).limit(1);
  return row;
}

/** Marks a job running (again, on a retry) and counts the attempt. */
export async function startRemixJob(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(remixJobs)
    .set({ status: 'running', startedAt: now, error: null, attempts: sql`${remixJobs.attempts} + 1` })
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
    .where(eq(remixJobs.id, id));
}
