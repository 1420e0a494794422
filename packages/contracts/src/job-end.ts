import { Job, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Logger } from './logger.ts';
import type { JobName, JobPayload, QueueName } from './queues.ts';

// "This job has ended for good": one hook per job name, run once per ended job whatever ended it
// (ADR 0229). BullMQ reports a job given up after too many stalls only as a failure of the NEXT
// worker that takes it (a deferred UnrecoverableError, the handler never runs), so the worker's own
// 'failed' event sees every final failure; a claim in Redis makes the hook run once across events,
// replicas and the sweep, and the sweep finishes what a crash or an error interrupted.

/** BullMQ's failedReason for a job that stalled more often than maxStalledCount allows. */
export const STALLED_OUT = 'job stalled more than allowable limit';

/** How a job ended for good, for its queue's `ended` hook. */
export interface JobEnd {
  jobId: string;
  /**
   * `stalled`: its workers died (or lost its lock) on every run the queue allows and nobody told the
   * user; `failed`: the handler threw on its last attempt or refused the job (it had its say).
   */
  cause: 'stalled' | 'failed';
  reason: string;
  attemptsMade: number;
  /** Attempts the queue allows in all. */
  attempts: number;
  /** Times the job stalled. */
  stalls: number;
  log: Logger;
}

export type JobEndHook<Q extends QueueName, N extends JobName<Q>> = (
  payload: JobPayload<Q, N>,
  end: JobEnd,
) => Promise<void>;

/** Hooks by job name; a name without one ends silently (its handler tells the user, if anyone). */
export type JobEndHooks<Q extends QueueName> = { [N in JobName<Q>]?: JobEndHook<Q, N> };

/** How long a claim on a finalisation lasts while its hook runs (then the sweep may try again). */
const CLAIM_MS = 5 * 60_000;
/** Done marks outlive the failed jobs themselves (removeOnFail is at most 30 days). */
const DONE_S = 31 * 24 * 3600;
/** The sweep looks at jobs that failed this recently. */
const SWEEP_WINDOW_MS = 3600_000;
const SWEEP_BATCH = 50;

export interface Finaliser {
  /** Runs the hook of a job that just failed for good (the worker's 'failed' event). */
  ended(job: Job, err: Error | undefined): Promise<void>;
  /** Runs the hooks of recently failed jobs whose hook never finished (a crash, an error). */
  sweep(): Promise<void>;
}

export function createFinaliser(options: {
  worker: Worker;
  hooks: Record<string, ((payload: unknown, end: JobEnd) => Promise<void>) | undefined>;
  schemas: Record<string, z.ZodType>;
  log: Logger;
  now?: () => number;
}): Finaliser {
  const { worker, hooks, schemas, log } = options;
  const now = options.now ?? Date.now;
  const client = async () => (await worker.client) as unknown as Redis;
  const claimKey = (jobId: string) => `${worker.toKey(jobId)}:ended`;

  async function run(jobId: string, load: () => Promise<Job | undefined>, err: Error | undefined): Promise<void> {
    const redis = await client();
    if ((await redis.set(claimKey(jobId), 'running', 'PX', CLAIM_MS, 'NX')) !== 'OK') return;
    try {
      const job = await load();
      const hook = job ? hooks[job.name] : undefined;
      const parsed = job && hook ? schemas[job.name]?.safeParse(job.data) : undefined;
      if (job && hook && parsed?.success) {
        const reason = job.failedReason || err?.message || 'failed';
        const end: JobEnd = {
          jobId,
          cause: reason === STALLED_OUT ? 'stalled' : 'failed',
          reason,
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts ?? 1,
          stalls: job.stalledCounter,
          log: log.child({ job: job.name, jobId }),
        };
        await hook(parsed.data, end);
        end.log.info({ cause: end.cause, stalls: end.stalls }, 'job ended for good; its end was handled');
      }
      await redis.set(claimKey(jobId), 'done', 'EX', DONE_S);
    } catch (error) {
      log.error({ err: error, jobId }, 'could not finish an ended job; trying again later');
      await redis.del(claimKey(jobId)).catch(() => {});
    }
  }

  return {
    async ended(job, err) {
      if (!job.id || !hooks[job.name]) return;
      await run(job.id, async () => job, err);
    },
    async sweep() {
      const redis = await client();
      const ids = await redis.zrevrangebyscore(
        worker.toKey('failed'),
        '+inf',
        String(now() - SWEEP_WINDOW_MS),
        'LIMIT',
        0,
        SWEEP_BATCH,
      );
      for (const id of ids) {
        if (await redis.exists(claimKey(id))) continue;
        await run(id, () => Job.fromId(worker, id), undefined);
      }
    },
  };
}
