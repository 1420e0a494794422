import type { BackoffOptions, JobsOptions, KeepJobs } from 'bullmq';
import type { z } from 'zod';
import { gatewaySendJobs } from './jobs/gateway-send.ts';
import { interactionsJobs } from './jobs/interactions.ts';
import { libraryJobs } from './jobs/library.ts';
import { monitorJobs } from './jobs/monitor.ts';
import { playerJobs } from './jobs/player.ts';
import { remixJobs } from './jobs/remix.ts';
import { sunoJobs } from './jobs/suno.ts';
import { voiceEventsJobs } from './jobs/voice-events.ts';

type JobSchemas = Record<string, z.ZodType>;

/**
 * How a duplicate is refused. `jobId`: a fixed job id, so a second add is a no-op while the first
 * job is kept (see removeOnComplete/removeOnFail). `inFlight`: BullMQ deduplication, so a second
 * add is a no-op only while the first is waiting or running (singletons such as a full sync).
 * Both return a key without ':' that is not a bare integer; `jobId` may return undefined (no dedup).
 */
export type Dedupe<P> = { jobId: (payload: P) => string | undefined } | { inFlight: (payload: P) => string };

/**
 * Who takes a queue's jobs: the service (a folder under services/) whose wiring runs the queue's
 * worker. `notYet`, while that service's capability has not landed, says why nothing takes the
 * jobs yet; the monitor shows it beside the queue in /status. test/queue-consumers.test.ts checks
 * both ways: a consumer runs the worker, a `notYet` consumer does not (remove the line when it does).
 */
export interface QueueConsumer {
  service: string;
  notYet?: string;
}

export interface QueueDefinition<J extends JobSchemas = JobSchemas> {
  /** Required: a queue that nobody consumes is refused (see QueueConsumer). */
  consumer: QueueConsumer;
  jobs: J;
  /** Job options applied to every add of this queue. */
  options: {
    attempts: number;
    backoff?: BackoffOptions;
    removeOnComplete: KeepJobs | boolean;
    removeOnFail: KeepJobs | boolean;
  };
  /** Worker defaults; a service may override concurrency in runWorker. */
  worker: { concurrency: number } & StallSettings;
  dedupe?: { [N in keyof J]?: Dedupe<z.output<J[N]>> };
}

/**
 * How soon a job whose worker died is taken up again (ADR 0229). A running job holds a lock of
 * `lockMs`, renewed every half of it while its worker lives; live workers look for jobs whose lock
 * lapsed every `stallCheckMs` and put them back in the queue. So a killed worker's job runs again
 * within about `lockMs + stallCheckMs`, and an event loop blocked for longer than `lockMs` looks like
 * a dead worker. How many stalls a job survives is not set here: it is the queue's `attempts` − 1
 * (maxStalls), so a job is given up after as many runs as its attempts.
 */
export interface StallSettings {
  lockMs: number;
  stallCheckMs: number;
}

/** Work that never blocks the event loop for long (heavy work runs in child processes). */
const QUICK_STALLS: StallSettings = { lockMs: 15_000, stallCheckMs: 5_000 };

const defineQueue = <J extends JobSchemas>(definition: QueueDefinition<J>) => definition;

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Every queue of the suite, declared once: its jobs, job options, worker defaults and dedup. */
export const QUEUES = {
  /** gateway / HTTP endpoint / bin/alex → interactions. One attempt: an acknowledgement is not
   * idempotent, and the gateway's deadline guard answers what nobody answered (nor is a stalled one
   * run again: maxStalls is 0). Completed jobs are kept an hour so a redelivered interaction id is
   * ignored. */
  interactions: defineQueue({
    consumer: { service: 'interactions' },
    jobs: interactionsJobs,
    options: { attempts: 1, removeOnComplete: { age: HOUR, count: 20_000 }, removeOnFail: { age: 7 * DAY } },
    worker: { concurrency: 16, ...QUICK_STALLS },
    dedupe: { interaction: { jobId: (p) => `interaction-${p.interaction.id}` } },
  }),
  /** player → gateway: op 4 voice state updates. Ordered, so one at a time. */
  'gateway-send': defineQueue({
    consumer: { service: 'gateway' },
    jobs: gatewaySendJobs,
    options: {
      attempts: 3,
      backoff: { type: 'fixed', delay: 250 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { age: DAY },
    },
    worker: { concurrency: 1, ...QUICK_STALLS },
  }),
  /** gateway → player: voice dispatches. A late retry would replay a stale state, so one attempt. */
  'voice-events': defineQueue({
    consumer: { service: 'player', notYet: 'voice playback has not landed yet' },
    jobs: voiceEventsJobs,
    options: { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { age: DAY } },
    worker: { concurrency: 1, ...QUICK_STALLS },
  }),
  /** interactions → remix-worker. Heavy (Demucs): one per container, scale with replicas. Separation
   * runs in a child process and FFmpeg in its own, so the lock renews and a killed worker's remix is
   * resumed within about 20 s. */
  remix: defineQueue({
    consumer: { service: 'remix-worker' },
    jobs: remixJobs,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: DAY, count: 1000 },
      removeOnFail: { age: 7 * DAY },
    },
    worker: { concurrency: 1, ...QUICK_STALLS },
    dedupe: { remix: { jobId: (p) => `remix-${p.meta.correlationId}` } },
  }),
  /** interactions / web → suno-worker. Provider 430 "too frequent" backs off exponentially. */
  suno: defineQueue({
    consumer: { service: 'suno-worker', notYet: 'song generation has not landed yet' },
    jobs: sunoJobs,
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: DAY, count: 5000 },
      removeOnFail: { age: 7 * DAY },
    },
    worker: { concurrency: 4, ...QUICK_STALLS },
    dedupe: {
      generate: { jobId: (p) => `suno-generate-${p.generationId}` },
      poll: { inFlight: (p) => `suno-poll-${p.taskId}` },
      callback: { jobId: (p) => `suno-callback-${p.taskId}-${p.stage}` },
    },
  }),
  /** interactions / web → player. Commands of one guild must keep their order: one at a time. */
  player: defineQueue({
    consumer: { service: 'player', notYet: 'voice playback has not landed yet' },
    jobs: playerJobs,
    options: { attempts: 1, removeOnComplete: { age: HOUR, count: 5000 }, removeOnFail: { age: 7 * DAY } },
    worker: { concurrency: 1, ...QUICK_STALLS },
  }),
  /** interactions / schedules → library-worker. Upstreams are rate-limited: long backoff. */
  library: defineQueue({
    consumer: { service: 'library-worker' },
    jobs: libraryJobs,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 7 * DAY, count: 1000 },
      removeOnFail: { age: 30 * DAY },
    },
    // A resumed sync starts over against rate-limited upstreams: a false stall costs more than a late
    // one, so the lock is longer.
    worker: { concurrency: 1, lockMs: 30_000, stallCheckMs: 10_000 },
    dedupe: {
      'sync-full': { inFlight: () => 'library-sync-full' },
      'sync-incremental': { inFlight: () => 'library-sync-incremental' },
      'enrich-credits': { inFlight: (p) => `library-credits-${p.albumRatingKey}` },
      'sync-top-rated': { inFlight: (p) => `library-top-rated-${p.userId ?? 'all'}` },
    },
  }),
  /** interactions → monitor. */
  monitor: defineQueue({
    consumer: { service: 'monitor' },
    jobs: monitorJobs,
    options: { attempts: 1, removeOnComplete: { age: DAY, count: 1000 }, removeOnFail: { age: 7 * DAY } },
    worker: { concurrency: 1, ...QUICK_STALLS },
  }),
};

export type Queues = typeof QUEUES;
export type QueueName = keyof Queues;
export type JobName<Q extends QueueName> = Extract<keyof Queues[Q]['jobs'], string>;
type JobSchema<Q extends QueueName, N extends JobName<Q>> = Queues[Q]['jobs'][N] extends z.ZodType
  ? Queues[Q]['jobs'][N]
  : never;
/** A job's payload after parsing (defaults applied): what handlers receive. */
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = z.output<JobSchema<Q, N>>;
/** A job's payload before parsing (defaulted fields optional): what producers pass. */
export type JobInput<Q extends QueueName, N extends JobName<Q>> = z.input<JobSchema<Q, N>>;

export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/**
 * How many times a job of `queue` may stall (its worker killed, or its lock lost in a Redis outage)
 * and still be run again: one run per attempt, so a job is given up on its `attempts`-th stall
 * (ADR 0229). A one-attempt queue's job fails on its first stall; its own `ended` hook answers.
 */
export function maxStalls(queue: QueueName): number {
  return QUEUES[queue].options.attempts - 1;
}

/** The job names of a queue. */
export function jobNames<Q extends QueueName>(queue: Q): JobName<Q>[] {
  return Object.keys(QUEUES[queue].jobs) as JobName<Q>[];
}

/** Job names of every queue. */
type JobNamesTable = { readonly [Q in QueueName]: readonly JobName<Q>[] };
export const JOB_NAMES = Object.fromEntries(QUEUE_NAMES.map((q) => [q, jobNames(q)])) as unknown as JobNamesTable;

/** The job id or BullMQ deduplication option that the table declares for this (parsed) payload. */
export function dedupeOptions(
  queue: QueueName,
  name: string,
  payload: unknown,
): Pick<JobsOptions, 'jobId' | 'deduplication'> {
  const dedupe = (QUEUES[queue].dedupe as Record<string, Dedupe<unknown>> | undefined)?.[name];
  if (!dedupe) return {};
  if ('inFlight' in dedupe) return { deduplication: { id: dedupe.inFlight(payload) } };
  const jobId = dedupe.jobId(payload);
  return jobId === undefined ? {} : { jobId };
}
