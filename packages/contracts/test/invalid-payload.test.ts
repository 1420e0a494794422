import { once } from 'node:events';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { type Job, Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { examples } from '../src/examples.ts';
import { QUEUES, runWorker } from '../src/index.ts';

const prefix = testQueuePrefix();
let connection: string;
let raw: Queue;

beforeAll(() => {
  connection = testRedisUrl();
  // A raw BullMQ queue with the declared options: bypasses the producer's parse, as a buggy or
  // older producer would.
  raw = new Queue('remix', { connection: { url: connection }, prefix, defaultJobOptions: QUEUES.remix.options });
});
afterAll(() => raw.close());

it('fails a payload that breaks its schema once, with a reason naming the field, despite declared retries', async () => {
  let calls = 0;
  const running = runWorker({
    queue: 'remix',
    connection,
    prefix,
    handlers: {
      remix: async () => {
        calls++;
      },
    },
  });
  try {
    const failed = once(running.worker, 'failed') as Promise<[Job, Error]>;
    const added = await raw.add('remix', { ...examples.remix.remix, gainDb: 'loud' });
    const [job, error] = await failed;
    expect(job.id).toBe(added.id);
    expect(error.name).toBe('UnrecoverableError');

    const stored = await raw.getJob(added.id!);
    expect(stored?.opts.attempts).toBe(3);
    expect(await stored?.getState()).toBe('failed');
    expect(stored?.attemptsMade).toBe(1);
    expect(stored?.failedReason).toBe('remix/remix: invalid payload: gainDb: must be a number of dB');
    expect(calls).toBe(0);

    const unknown = once(running.worker, 'failed') as Promise<[Job, Error]>;
    const stray = await raw.add('separate', examples.remix.remix);
    expect((await unknown)[0].id).toBe(stray.id);
    const strayStored = await raw.getJob(stray.id!);
    expect(await strayStored?.getState()).toBe('failed');
    expect(strayStored?.attemptsMade).toBe(1);
    expect(strayStored?.failedReason).toBe('remix/separate: unknown job name');
  } finally {
    await running.close();
  }
});
