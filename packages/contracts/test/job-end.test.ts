import { once } from 'node:events';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../src/examples.ts';
import { type Bus, createBus, LockLostError, maxStalls, type RunningWorker, STALLED_OUT } from '../src/index.ts';
import { type HangingWorker, type RescuerOptions, spawnHangingWorker, startRescuer } from './hanging-workers.ts';

// Repeated kills (SIGKILL of worker processes mid-job), lost locks and final failures against a
// real Redis: a stalled job runs again up to the queue's attempts, the run after each stall is told
// it resumes, and a job that ends for good runs its queue's `ended` hook exactly once.

const connection = testRedisUrl();
let redis: Redis;
const buses: Bus[] = [];
const children: HangingWorker[] = [];
const workers: RunningWorker[] = [];

beforeAll(() => {
  redis = new Redis(connection);
});
afterAll(async () => {
  for (const child of children) await child.kill();
  for (const worker of workers) await worker.close();
  for (const bus of buses) await bus.close();
  await redis.quit();
});

function setup() {
  const prefix = testQueuePrefix();
  const bus = createBus({ connection, prefix });
  buses.push(bus);
  return { prefix, bus };
}

/** Starts a worker process, waits for it to take the job, and kills it (SIGKILL). Returns its run line. */
async function killMidJob(prefix: string, id: string): Promise<string> {
  const child = spawnHangingWorker(connection, prefix);
  children.push(child);
  const run = await child.waitForLine(`run ${id}`);
  await child.kill();
  return run;
}

/** An in-process worker with a short lock, closed after the tests. */
function rescuer(prefix: string, options: RescuerOptions = {}) {
  const r = startRescuer(connection, prefix, options);
  workers.push(r.worker);
  return r;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('stalls, lost locks and ended jobs', { timeout: 60_000 }, () => {
  it('allows the queue attempts − 1 stalls', () => {
    expect(maxStalls('remix')).toBe(2);
    expect(maxStalls('interactions')).toBe(0);
  });

  it('resumes a job killed twice in a row, telling each run after a stall that it resumes', async () => {
    const { prefix, bus } = setup();
    const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
    expect(await killMidJob(prefix, id)).toBe(`run ${id} stalls=0 resumed=false`);
    expect(await killMidJob(prefix, id)).toBe(`run ${id} stalls=1 resumed=true`);

    const r = rescuer(prefix);
    const [job] = await once(r.worker.worker, 'completed');
    expect(job.id).toBe(id);
    expect(r.runs.map((ctx) => ({ stalls: ctx.stalls, resumed: ctx.resumed, attempt: ctx.attempt }))).toEqual([
      { stalls: 2, resumed: true, attempt: 1 },
    ]);
    expect(await (await bus.queue('remix').getJob(id))?.getState()).toBe('completed');
    expect(r.ended).toEqual([]);
  });

  it('gives a job up on its attempts-th stall and runs its ended hook once, on one of two replicas', async () => {
    const { prefix, bus } = setup();
    const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
    for (let kill = 0; kill < 3; kill++) await killMidJob(prefix, id);

    const a = rescuer(prefix);
    const b = rescuer(prefix);
    await until(() => a.ended.length + b.ended.length > 0);
    const job = await bus.queue('remix').getJob(id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.failedReason).toBe(STALLED_OUT);
    // A sweep on either replica, and the passing time, run nothing again.
    await a.worker.sweepEnded();
    await b.worker.sweepEnded();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ended = [...a.ended, ...b.ended];
    expect(ended).toHaveLength(1);
    expect(ended[0]!.payload.meta.correlationId).toBe(examples.remix.remix.meta.correlationId);
    expect(ended[0]!.end).toMatchObject({ jobId: id, cause: 'stalled', stalls: 3, attempts: 3, reason: STALLED_OUT });
    expect([...a.runs, ...b.runs]).toEqual([]);
  });

  it('stops a run whose lock was lost with a LockLostError, and the job runs again as resumed', async () => {
    const { prefix, bus } = setup();
    const reasons: unknown[] = [];
    const r = rescuer(prefix, {
      handle: async (_payload, ctx) => {
        if (ctx.stalls > 0) return 'second run';
        await redis.del(`${prefix}:remix:${ctx.jobId}:lock`);
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        reasons.push(ctx.signal.reason);
        throw ctx.signal.reason;
      },
    });
    const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
    await until(async () => (await bus.queue('remix').getJob(id))?.returnvalue === 'second run');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(LockLostError);
    expect(r.runs.map((ctx) => [ctx.stalls, ctx.resumed])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(r.ended).toEqual([]);
  });

  it('runs the hook once after a final failure, and again from the sweep when it threw', async () => {
    const { prefix, bus } = setup();
    let calls = 0;
    const r = rescuer(prefix, {
      handle: async () => {
        throw new UnrecoverableError('this track cannot be remixed');
      },
      onEnded: async () => {
        calls++;
        if (calls === 1) throw new Error('Postgres is away');
      },
    });
    const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
    await until(() => calls === 1);
    await r.worker.sweepEnded();
    expect(calls).toBe(2);
    await r.worker.sweepEnded();
    expect(calls).toBe(2);
    expect(r.ended.map((e) => e.end)).toMatchObject([
      { jobId: id, cause: 'failed', reason: 'this track cannot be remixed', stalls: 0 },
      { jobId: id, cause: 'failed', reason: 'this track cannot be remixed', stalls: 0 },
    ]);
  });
});
