import { type Job, UnrecoverableError, WaitingError, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { type RedisConnection, workerOptions } from './connection.ts';
import { ContractError } from './errors.ts';
import { createFinaliser, type JobEnd, type JobEndHooks } from './job-end.ts';
import { type Logger, silentLogger } from './logger.ts';
import { toIssues } from './parse.ts';
import { type JobName, type JobPayload, jobNames, maxStalls, QUEUES, type QueueName } from './queues.ts';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry… (stalled restarts do not count). */
  attempt: number;
  /** Attempts the queue allows in all. */
  attempts: number;
  progress(value: number | object): Promise<void>;
  /** Child logger bound to queue, job, job id and correlation id. */
  log: Logger;
  /**
   * Aborted when the worker shuts down (or the job is cancelled, or this run lost its lock: then
   * the reason is a LockLostError). A handler that stops early should throw: on shutdown the job
   * goes back to the queue without spending an attempt.
   */
  signal: AbortSignal;
  /** Times this job stalled before this run (a worker killed mid-job, or its lock lost). */
  stalls: number;
  /**
   * True on the first run after a stall: the user last saw the dead run's progress, so say at once
   * that the work is resuming (after checking that the dead run had not already finished it).
   */
  resumed: boolean;
}

/**
 * The reason of a run's signal once its lock is gone (a Redis outage outlived it, or it was taken):
 * the job can no longer be completed by this run and another run will take it up. Stop quietly: no
 * message, no record, nothing released; the next run owns the job.
 */
export class LockLostError extends Error {
  override readonly name = 'LockLostError';
}

export function isLockLost(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof LockLostError;
}

export type JobHandler<Q extends QueueName, N extends JobName<Q>> = (
  payload: JobPayload<Q, N>,
  ctx: JobContext,
) => Promise<unknown>;

/** One handler per job name of the queue: a map, so a name cannot have two. */
export type JobHandlers<Q extends QueueName> = { [N in JobName<Q>]: JobHandler<Q, N> };

export interface RunWorkerOptions<Q extends QueueName>
  extends Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency' | 'autorun' | 'maxStalledCount'> {
  queue: Q;
  handlers: JobHandlers<Q>;
  /**
   * "This job has ended for good": run once per job that failed on its last attempt, was refused
   * (UnrecoverableError) or stalled more often than the queue allows, whichever replica saw it.
   */
  ended?: JobEndHooks<Q>;
  /** How often recently failed jobs are looked at for an `ended` hook that never finished (60 s). */
  endedSweepMs?: number;
  connection: RedisConnection;
  prefix: string;
  /** Default: the queue's declared worker concurrency. */
  concurrency?: number;
  logger?: Logger;
}

export interface RunningWorker {
  /** The BullMQ worker, for metrics and events. */
  worker: Worker;
  /** Resolves once the worker's Redis connection is ready. */
  ready: Promise<void>;
  /**
   * Graceful shutdown: stops taking jobs, aborts handlers' signals after `abortAfterMs`
   * (default 0), and resolves when every running job has finished or gone back to the queue.
   */
  close(options?: { abortAfterMs?: number }): Promise<void>;
  /** Runs the `ended` hooks of recently failed jobs whose hook never finished (also on a timer). */
  sweepEnded(): Promise<void>;
}

// Marks on the job's own hash how many stalls were announced, so that of the runs after a stall
// exactly one is told `resumed` (a retry or a shutdown hand-back after it is not a resume).
// KEYS: job hash. Returns the stall count when it was not announced yet, else 0.
const ANNOUNCE_STALLS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local stalls = tonumber(redis.call('HGET', KEYS[1], 'stc') or '0')
local told = tonumber(redis.call('HGET', KEYS[1], 'autoalexStallsTold') or '0')
if stalls > told then
  redis.call('HSET', KEYS[1], 'autoalexStallsTold', stalls)
  return stalls
end
return 0
`;

/** Throws ContractError unless `handlers` has exactly one function per job name of `queue`. */
export function checkHandlers(queue: string, handlers: unknown): void {
  if (!Object.hasOwn(QUEUES, queue)) throw new ContractError(queue, undefined, 'unknown queue');
  if (typeof handlers !== 'object' || handlers === null || Array.isArray(handlers)) {
    throw new ContractError(queue, undefined, 'handlers must be an object keyed by job name');
  }
  const expected = jobNames(queue as QueueName) as string[];
  const given = Object.keys(handlers);
  const missing = expected.filter((n) => typeof (handlers as Record<string, unknown>)[n] !== 'function');
  const unknown = given.filter((n) => !expected.includes(n));
  const problems = [
    missing.length > 0 ? `no handler for ${missing.join(', ')}` : '',
    unknown.length > 0 ? `unknown job names ${unknown.join(', ')} (known: ${expected.join(', ')})` : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new ContractError(queue, undefined, `worker refused to start: ${problems.join('; ')}`);
}

export function runWorker<Q extends QueueName>(options: RunWorkerOptions<Q>): RunningWorker {
  const {
    queue,
    handlers,
    ended,
    endedSweepMs = 60_000,
    connection,
    prefix,
    concurrency,
    logger = silentLogger,
    ...bullOptions
  } = options;
  checkHandlers(queue, handlers);
  const definition = QUEUES[queue];
  const schemas = definition.jobs as Record<string, z.ZodType>;
  const handlerMap = handlers as Record<string, (payload: unknown, ctx: JobContext) => Promise<unknown>>;
  const log = logger.child({ queue });
  const shutdown = new AbortController();
  /** The running jobs' own signals, aborted when BullMQ says their lock could not be renewed. */
  const running = new Map<string, AbortController>();

  const announceStalls = async (job: Job): Promise<boolean> => {
    if (job.stalledCounter === 0 || !job.id) return false;
    const redis = (await worker.client) as unknown as Redis;
    return Number(await redis.eval(ANNOUNCE_STALLS, 1, worker.toKey(job.id))) > 0;
  };

  const processJob = async (job: Job, token?: string, cancel?: AbortSignal): Promise<unknown> => {
    const schema = schemas[job.name];
    const handler = handlerMap[job.name];
    if (!schema || !handler) throw new UnrecoverableError(`${queue}/${job.name}: unknown job name`);
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        new ContractError(queue, job.name, 'invalid payload', toIssues(parsed.error, job.data)).message,
      );
    }
    const correlationId = (parsed.data as { meta?: { correlationId?: string } }).meta?.correlationId;
    const jobLog = log.child({ job: job.name, jobId: job.id, correlationId });
    const resumed = await announceStalls(job).catch((err: unknown) => {
      jobLog.warn({ err }, 'could not tell whether this run resumes a stalled job');
      return job.stalledCounter > 0;
    });
    if (resumed) jobLog.warn({ stalls: job.stalledCounter }, 'resuming a job whose worker stopped (stalled)');
    const jobId = job.id ?? '';
    const lockLost = new AbortController();
    const signals = [shutdown.signal, lockLost.signal, ...(cancel ? [cancel] : [])];
    const ctx: JobContext = {
      jobId,
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
      progress: (value) => job.updateProgress(value),
      log: jobLog,
      signal: AbortSignal.any(signals),
      stalls: job.stalledCounter,
      resumed,
    };
    running.set(jobId, lockLost);
    try {
      return await handler(parsed.data, ctx);
    } catch (err) {
      if (lockLost.signal.aborted) {
        ctx.log.warn({ err }, 'stopped: this run lost its lock; the job runs again after the stall check');
        throw err;
      }
      if (shutdown.signal.aborted && token && !(err instanceof UnrecoverableError)) {
        ctx.log.info({ err }, 'stopped by shutdown; job returned to the queue');
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw err;
    } finally {
      running.delete(jobId);
    }
  };

  const worker = new Worker(queue, processJob, {
    lockDuration: definition.worker.lockMs,
    stalledInterval: definition.worker.stallCheckMs,
    ...bullOptions,
    maxStalledCount: maxStalls(queue),
    connection: workerOptions(connection),
    prefix,
    concurrency: concurrency ?? definition.worker.concurrency,
    autorun: true,
  });
  const finaliser = createFinaliser({
    worker,
    hooks: (ended ?? {}) as Record<string, (payload: unknown, end: JobEnd) => Promise<void>>,
    schemas,
    log,
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    const fields = { err, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, stalls: job?.stalledCounter };
    if (final) log.error(fields, 'job failed');
    else log.warn(fields, 'job failed; will retry');
    if (final && job) {
      void finaliser.ended(job, err).catch((error: unknown) => {
        log.warn({ err: error, jobId: job.id }, 'could not claim the end of a job; the sweep will');
      });
    }
  });
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled; returned to the queue'));
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const jobId of jobIds) {
      log.warn({ jobId }, 'lost the lock of a running job; stopping this run');
      running.get(jobId)?.abort(new LockLostError(`the lock of job ${jobId} was lost`));
    }
  });

  const ready = worker.waitUntilReady().then(() => undefined);
  ready.catch(() => {}); // the 'error' listener logs it; callers that await `ready` still see it

  const sweepEnded = () =>
    finaliser.sweep().catch((err: unknown) => log.warn({ err }, 'could not look for ended jobs to finish'));
  let sweeper: NodeJS.Timeout | undefined;
  if (ended && Object.keys(ended).length > 0) {
    void ready.then(sweepEnded, () => {});
    sweeper = setInterval(() => void sweepEnded(), endedSweepMs);
    sweeper.unref();
  }

  return {
    worker,
    ready,
    sweepEnded,
    async close({ abortAfterMs = 0 } = {}) {
      clearInterval(sweeper);
      const timer = setTimeout(() => shutdown.abort(new Error('worker shutting down')), abortAfterMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
