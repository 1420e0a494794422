import { once } from 'node:events';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { examples } from '../src/examples.ts';
import { createBus, createMeta, type JobContext, runWorker } from '../src/index.ts';

const prefix = testQueuePrefix();
let connection: string;
let bus: ReturnType<typeof createBus>;

beforeAll(() => {
  connection = testRedisUrl();
  bus = createBus({ connection, prefix });
});
afterAll(() => bus.close());

const remix = () => ({ ...examples.remix.remix, meta: createMeta() });

it('close() aborts the signal; a handler that stops returns its job to the queue without spending an attempt', async () => {
  const started = Promise.withResolvers<void>();
  const first = runWorker({
    queue: 'remix',
    connection,
    prefix,
    handlers: {
      remix: async (_payload, ctx) => {
        started.resolve();
        await once(ctx.signal, 'abort');
        throw new Error('interrupted');
      },
    },
  });
  const id = await bus.enqueue('remix', 'remix', remix());
  await started.promise;
  await first.close();

  const job = await bus.queue('remix').getJob(id);
  expect(await job?.getState()).toBe('waiting');
  expect(job?.attemptsMade).toBe(0);

  const got = Promise.withResolvers<JobContext>();
  const second = runWorker({
    queue: 'remix',
    connection,
    prefix,
    handlers: {
      remix: async (_payload, ctx) => {
        got.resolve(ctx);
      },
    },
  });
  try {
    const ctx = await got.promise;
    expect(ctx.jobId).toBe(id);
    expect(ctx.attempt).toBe(1);
  } finally {
    await second.close();
  }
});

it('close() waits for a running handler that finishes its job', async () => {
  const aborted = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  const running = runWorker({
    queue: 'remix',
    connection,
    prefix,
    handlers: {
      remix: async (_payload, ctx) => {
        ctx.signal.addEventListener('abort', () => aborted.resolve());
        await release.promise;
        return 'finished';
      },
    },
  });
  const active = once(running.worker, 'active');
  const id = await bus.enqueue('remix', 'remix', remix());
  await active;

  let closed = false;
  const closing = running.close().then(() => {
    closed = true;
  });
  await aborted.promise;
  expect(closed).toBe(false);
  release.resolve();
  await closing;

  const job = await bus.queue('remix').getJob(id);
  expect(await job?.getState()).toBe('completed');
  expect(job?.returnvalue).toBe('finished');
});
