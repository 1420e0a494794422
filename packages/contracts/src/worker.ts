import { type Job, UnrecoverableError, WaitingError, Worker, type WorkerOptions } from 'bullmq';
import type { z } from 'zod';
import { type RedisConnection, workerOptions } from './connection.ts';
import { ContractError } from './errors.ts';
import { type Logger, silentLogger } from './logger.ts';
import { toIssues } from './parse.ts';
import { type JobName, type JobPayload, jobNames, QUEUES, type QueueName } from './queues.ts';

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
   * Aborted when the worker shuts down (or the job is cancelled). A handler that stops early
   * should throw: on shutdown the job goes back to the queue without spending an attempt.
   */
  signal: AbortSignal;
}

export type JobHandler<Q extends QueueName, N extends JobName<Q>> = (
  payload: JobPayload<Q, N>,
  ctx: JobContext,
) => Promise<unknown>;

/** One handler per job name of the queue: a map, so a name cannot have two. */
export type JobHandlers<Q extends QueueName> = { [N in JobName<Q>]: JobHandler<Q, N> };

export interface RunWorkerOptions<Q extends QueueName>
  extends Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency' | 'autorun'> {
  queue: Q;
  handlers: JobHandlers<Q>;
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
}

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
  const { queue, handlers, connection, prefix, concurrency, logger = silentLogger, ...bullOptions } = options;
  checkHandlers(queue, handlers);
  const definition = QUEUES[queue];
  const schemas = definition.jobs as Record<string, z.ZodType>;
  const handlerMap = handlers as Record<string, (payload: unknown, ctx: JobContext) => Promise<unknown>>;
  const log = logger.child({ queue });
  const shutdown = new AbortController();

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
    const ctx: JobContext = {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
      progress: (value) => job.updateProgress(value),
      log: log.child({ job: job.name, jobId: job.id, correlationId }),
      signal: cancel ? AbortSignal.any([shutdown.signal, cancel]) : shutdown.signal,
    };
    try {
      return await handler(parsed.data, ctx);
    } catch (err) {
      if (shutdown.signal.aborted && token && !(err instanceof UnrecoverableError)) {
        ctx.log.info({ err }, 'stopped by shutdown; job returned to the queue');
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw err;
    }
  };

  const worker = new Worker(queue, processJob, {
    ...bullOptions,
    connection: workerOptions(connection),
    prefix,
    concurrency: concurrency ?? definition.worker.concurrency,
    autorun: true,
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    const fields = { err, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade };
    if (final) log.error(fields, 'job failed');
    else log.warn(fields, 'job failed; will retry');
  });
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled; returned to the queue'));

  const ready = worker.waitUntilReady().then(() => undefined);
  ready.catch(() => {}); // the 'error' listener logs it; callers that await `ready` still see it

  return {
    worker,
    ready,
    async close({ abortAfterMs = 0 } = {}) {
      const timer = setTimeout(() => shutdown.abort(new Error('worker shutting down')), abortAfterMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
