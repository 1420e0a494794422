import { once } from 'node:events';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples, ids } from '../src/examples.ts';
import {
  BusUnavailableError,
  ContractError,
  createBus,
  createMeta,
  type JobContext,
  type JobHandlers,
  parseJob,
  runWorker,
} from '../src/index.ts';

const prefix = testQueuePrefix();
let connection: string;
let bus: ReturnType<typeof createBus>;

beforeAll(() => {
  connection = testRedisUrl();
  bus = createBus({ connection, prefix });
});
afterAll(() => bus.close());

const unexpected = async () => {
  throw new Error('wrong handler');
};

describe('enqueue → runWorker', () => {
  it('delivers the parsed payload and a job context to the handler', async () => {
    const got = Promise.withResolvers<{ payload: unknown; ctx: JobContext }>();
    const running = runWorker({
      queue: 'suno',
      connection,
      prefix,
      handlers: {
        generate: async (payload, ctx) => {
          await ctx.progress(50);
          got.resolve({ payload, ctx });
          return { songs: 2 };
        },
        poll: unexpected,
        callback: unexpected,
      },
    });
    try {
      const completed = once(running.worker, 'completed') as Promise<[Job, unknown]>;
      const id = await bus.enqueue('suno', 'generate', { ...examples.suno.generate, extra: 'dropped' } as never);
      expect(id).toBe(`suno-generate-${ids.generation}`);

      const { payload, ctx } = await got.promise;
      expect(payload).toEqual(parseJob('suno', 'generate', examples.suno.generate));
      expect(payload).toMatchObject({ instrumental: false });
      expect(payload).not.toHaveProperty('extra');
      expect(ctx).toMatchObject({ jobId: id, attempt: 1, attempts: 5 });
      expect(ctx.signal.aborted).toBe(false);

      const [job, result] = await completed;
      expect(job.id).toBe(id);
      expect(result).toEqual({ songs: 2 });
      expect(job.progress).toBe(50);
    } finally {
      await running.close();
    }
  });
});

describe('enqueue', () => {
  it('applies the declared options and refuses duplicates', async () => {
    const first = await bus.enqueue('interactions', 'interaction', examples.interactions.interaction);
    const again = await bus.enqueue('interactions', 'interaction', examples.interactions.interaction);
    expect(again).toBe(first);
    const queue = bus.queue('interactions');
    expect(await queue.getWaitingCount()).toBe(1);
    const job = await queue.getJob(first);
    expect(job?.opts).toMatchObject({ attempts: 1, removeOnComplete: { age: 3600, count: 20_000 } });

    const sync = await bus.enqueue('library', 'sync-full', { meta: examples.library['sync-full'].meta });
    await bus.enqueue('library', 'sync-full', { meta: examples.library['sync-full'].meta, reason: 'schedule' });
    expect(await bus.queue('library').getWaitingCount()).toBe(1);
    expect((await bus.queue('library').getJob(sync))?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
    });
  });

  it('passes delay through', async () => {
    const id = await bus.enqueue('suno', 'poll', examples.suno.poll, { delay: 60_000 });
    expect(await (await bus.queue('suno').getJob(id))?.getState()).toBe('delayed');
  });

  it('throws ContractError for a bad payload and adds nothing', async () => {
    const bad = { ...examples.remix.remix, stem: 'kazoo' } as unknown as typeof examples.remix.remix;
    const error = await bus.enqueue('remix', 'remix', bad).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toMatch(/^remix\/remix: invalid payload: stem: /);
    expect(await bus.queue('remix').getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0 });
  });

  it('fails fast with BusUnavailableError when Redis does not answer', async () => {
    const dead = createBus({ connection: 'redis://127.0.0.1:1', prefix, timeoutMs: 200 });
    try {
      const error = await dead.enqueue('monitor', 'check-now', examples.monitor['check-now']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BusUnavailableError);
      expect((error as Error).message).toMatch(
        /^monitor\/check-now: not enqueued, Redis is unavailable \(.*ECONNREFUSED/,
      );
    } finally {
      await dead.close();
    }
  });
});

describe('waiting', () => {
  it('shows the first waiting jobs of a queue, next to run first, without taking them', async () => {
    const own = createBus({ connection, prefix: testQueuePrefix() });
    try {
      const ids: string[] = [];
      for (const ratingKey of ['1', '2', '3']) {
        const source = { kind: 'plex-track' as const, ratingKey };
        ids.push(await own.enqueue('remix', 'remix', { ...examples.remix.remix, source, meta: createMeta() }));
      }
      const waiting = await own.waiting('remix', 2);
      expect(waiting.map((job) => job.id)).toEqual(ids.slice(0, 2));
      expect(waiting[0]).toMatchObject({ name: 'remix', data: { source: { ratingKey: '1' } } });
      expect(await own.waiting('remix', 10)).toHaveLength(3);
      expect(await own.waiting('suno', 10)).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('runWorker', () => {
  it('refuses to start when a job name has no handler, listing the missing names', () => {
    const handlers = { join: unexpected, play: unexpected } as unknown as JobHandlers<'player'>;
    expect(() => runWorker({ queue: 'player', connection, prefix, handlers })).toThrow(
      'player: worker refused to start: no handler for pause, resume, skip, loop, playlast, stop, queue, volume, leave',
    );
  });

  it('refuses unknown job names', () => {
    const handlers = { 'check-now': unexpected, 'check-later': unexpected } as JobHandlers<'monitor'>;
    expect(() => runWorker({ queue: 'monitor', connection, prefix, handlers })).toThrow(
      'monitor: worker refused to start: unknown job names check-later (known: check-now)',
    );
  });
});
