import { once } from 'node:events';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { examples } from '../src/examples.ts';
import { createBus, type JobContext, type RemixJob } from '../src/index.ts';
import { type HangingWorker, spawnHangingWorker, startRescuer } from './hanging-workers.ts';

const prefix = testQueuePrefix();
let connection: string;
let bus: ReturnType<typeof createBus>;
let child: HangingWorker | undefined;

beforeAll(() => {
  connection = testRedisUrl();
  bus = createBus({ connection, prefix });
});
afterAll(async () => {
  await child?.kill();
  await bus.close();
});

it('a job whose worker is killed mid-job is picked up again by another worker and completes', async () => {
  child = spawnHangingWorker(connection, prefix);
  const { waitForLine } = child;
  await waitForLine('ready');

  const started = waitForLine('started');
  const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
  expect(await started).toBe(`started ${id}`);
  expect(await (await bus.queue('remix').getJob(id))?.getState()).toBe('active');

  await child.kill();

  const got = Promise.withResolvers<{ payload: RemixJob; ctx: JobContext }>();
  const { worker: rescuer } = startRescuer(connection, prefix, {
    handle: async (payload, ctx) => {
      got.resolve({ payload, ctx });
      return 'done';
    },
  });
  try {
    const stalled = once(rescuer.worker, 'stalled');
    const completed = once(rescuer.worker, 'completed');
    const { payload, ctx } = await got.promise;
    expect(ctx.jobId).toBe(id);
    expect(ctx.attempt).toBe(1); // a stalled restart does not spend an attempt
    expect(payload.stem).toBe('vocals');
    expect((await stalled)[0]).toBe(id);
    await completed;
    const job = await bus.queue('remix').getJob(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.returnvalue).toBe('done');
    expect(job?.attemptsStarted).toBe(2);
  } finally {
    await rescuer.close();
  }
});
