import { type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { producerOptions, type RedisConnection } from './connection.ts';
import { BusUnavailableError } from './errors.ts';
import { parseJob } from './parse.ts';
import { dedupeOptions, type JobInput, type JobName, QUEUES, type QueueName } from './queues.ts';

export interface BusOptions {
  connection: RedisConnection;
  /** BullMQ key prefix (QUEUE_PREFIX); producers and workers of one suite share it. */
  prefix: string;
  /**
   * Longest wait for Redis (the first connection, or one command) before enqueue fails. Default 2000 ms.
   * During an outage enqueue fails at once.
   */
  timeoutMs?: number;
}

/** Per-add options a caller may set; everything else is declared once per queue. */
export interface EnqueueOptions {
  /** Milliseconds to wait before the job may run (e.g. the next Suno poll). */
  delay?: number;
  /** 1 (highest) … 2 097 151; unset jobs run first. */
  priority?: number;
}

/** A job waiting in a queue, as `Bus.waiting` shows it. */
export interface WaitingJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
}

export interface Bus {
  /**
   * Parses `payload` with the job's schema (ContractError on violation, nothing added), applies the
   * queue's declared options and dedup id, and adds the job. Resolves to the job id; a duplicate
   * resolves to the id of the job already there. Rejects with BusUnavailableError when Redis does
   * not answer within `timeoutMs`, and at once while the connection is known to be away.
   */
  enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    payload: JobInput<Q, N>,
    options?: EnqueueOptions,
  ): Promise<string>;
  /** The BullMQ queue on the bus connection (counts, admin views). */
  queue(name: QueueName): Queue;
  /**
   * A read-only look at the first `limit` jobs waiting in `queue`, next to run first (for "position
   * 2 in line"). Payloads are as stored: parse them with the job's schema before use.
   */
  waiting(queue: QueueName, limit: number): Promise<WaitingJob[]>;
  close(): Promise<void>;
}

const CONNECTION_FAULT =
  /Command timed out|Connection is closed|enableOfflineQueue|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/;

export function createBus({ connection, prefix, timeoutMs = 2000 }: BusOptions): Bus {
  const options = producerOptions(connection, timeoutMs);
  const client = typeof connection === 'string' ? new Redis(connection, options) : new Redis(options);
  let lastError: Error | undefined;
  /** Why the connection is known to be away (an error or a drop since the last `ready`), else undefined. */
  let away: string | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
    away = err.message;
  });
  client.on('close', () => {
    away ??= 'the connection to Redis was lost; reconnecting';
  });
  client.on('ready', () => {
    lastError = undefined;
    away = undefined;
  });
  const queues = new Map<QueueName, Queue>();

  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: client, prefix });
      q.on('error', (err) => {
        lastError = err;
      });
      queues.set(name, q);
    }
    return q;
  };

  const ready = (): Promise<void> => {
    if (client.status === 'ready') return Promise.resolve();
    if (client.status === 'end') return Promise.reject(new Error('bus is closed'));
    // During an outage fail at once: an ingress must answer the user within Discord's 3 s (ADR 0230).
    // Only the very first connection, still under way with no error yet, is waited for.
    if (away !== undefined) return Promise.reject(new Error(away));
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        client.off('ready', onReady);
        client.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => done();
      const onError = (err: Error) => done(err);
      const timer = setTimeout(
        () => done(new Error(lastError?.message ?? `no connection within ${timeoutMs} ms`)),
        timeoutMs,
      );
      client.on('ready', onReady);
      client.on('error', onError);
    });
  };

  return {
    async enqueue(queueName, name, payload, extra = {}) {
      const data = parseJob(queueName, name, payload);
      const jobOptions: JobsOptions = {
        ...QUEUES[queueName].options,
        ...extra,
        ...dedupeOptions(queueName, name, data),
      };
      try {
        await ready();
        const job = await queue(queueName).add(name, data, jobOptions);
        if (!job.id) throw new Error('BullMQ returned no job id');
        return job.id;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (client.status !== 'ready' || CONNECTION_FAULT.test(message)) {
          // A queue whose first connection attempt failed stays broken: build a fresh one next time.
          const broken = queues.get(queueName);
          queues.delete(queueName);
          broken?.close().catch(() => {});
          throw new BusUnavailableError(queueName, name, err);
        }
        throw err;
      }
    },
    queue,
    async waiting(queueName, limit) {
      if (limit < 1) return [];
      const jobs = await queue(queueName).getJobs(['waiting'], 0, limit - 1, true);
      return jobs.map((job) => ({ id: job.id ?? '', name: job.name, data: job.data as unknown }));
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      queues.clear();
      await client.quit().catch(() => client.disconnect());
    },
  };
}
