import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { examples } from '../src/examples.ts';
import { createBus, type JobContext, type RemixJob, runWorker } from '../src/index.ts';

const prefix = testQueuePrefix();
let connection: string;
let bus: ReturnType<typeof createBus>;
let child: ChildProcess | undefined;

beforeAll(() => {
  connection = testRedisUrl();
  bus = createBus({ connection, prefix });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await bus.close();
});

/** Waits for stdout lines of a child process; fails when the process exits first. */
function watchLines(proc: ChildProcess) {
  const seen: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ word: string; resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    seen.push(line);
    for (const w of waiters.filter((w) => line.startsWith(w.word))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  proc.once('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`worker exited (${code ?? signal}): ${stderr.join('')}`));
  });
  return (word: string) =>
    new Promise<string>((resolve, reject) => {
      const line = seen.find((l) => l.startsWith(word));
      if (line) resolve(line);
      else waiters.push({ word, resolve, reject });
    });
}

it('a job whose worker is killed mid-job is picked up again by another worker and completes', async () => {
  child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/hanging-worker.ts'), connection, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const waitForLine = watchLines(child);
  await waitForLine('ready');

  const started = waitForLine('started');
  const id = await bus.enqueue('remix', 'remix', examples.remix.remix);
  expect(await started).toBe(`started ${id}`);
  expect(await (await bus.queue('remix').getJob(id))?.getState()).toBe('active');

  child.kill('SIGKILL');
  await once(child, 'exit');

  const got = Promise.withResolvers<{ payload: RemixJob; ctx: JobContext }>();
  const rescuer = runWorker({
    queue: 'remix',
    connection,
    prefix,
    lockDuration: 1000,
    stalledInterval: 250,
    handlers: {
      remix: async (payload, ctx) => {
        got.resolve({ payload, ctx });
        return 'done';
      },
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
