import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMeta, type JobInput, remixLimitKeys, STALLED_OUT } from '@autoalex/contracts';
import { findRemixJob } from '@autoalex/db';
import { bootService, freePort, type SpawnedService } from '@autoalex/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RemixStack, startRemixStack } from './remix-stack.ts';

// The real remix-worker process killed (SIGKILL, as an OOM kill) in the middle of a remix, again and
// again, and a lock lost while the remix is being delivered (ADR 0229), against real Redis and
// Postgres, the fake Plex and the fake Discord, which counts what the user saw and every upload.
// A killed worker's lock lapses 15 s after its last renewal; the first kill waits that out (the
// user must hear "resuming" within seconds), later ones make it lapse at once (`lapse`), and the
// next worker boots while the current one works.

const SO_WHAT = '5201';
let stack: RemixStack;
let discordProxy: DiscordProxy;
const workers: SpawnedService[] = [];

beforeAll(async () => {
  // Long enough that a separation is still running when the test kills its worker.
  stack = await startRemixStack({ seconds: 15 });
  discordProxy = await startDiscordProxy(stack.discord.restOptions.api);
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop('SIGKILL');
  await discordProxy?.close();
  await stack?.close();
});

async function startWorker(): Promise<SpawnedService> {
  const port = await freePort();
  const { service } = await bootService(
    new URL('../src/main.ts', import.meta.url).pathname,
    stack.env(port, { DISCORD_API_URL: discordProxy.api, REMIX_THREADS: '1' }),
    port,
  );
  workers.push(service);
  return service;
}

/** A /boost interaction, deferred by "the interactions service", and its remix job. */
async function remix(stem: 'bass' | 'drums', user: string) {
  const { discord, bus, prefix } = stack;
  const handle = await discord.sendHttpInteraction(stack.endpointUrl, { data: { name: 'boost', type: 1 } });
  const payload: JobInput<'remix', 'remix'> = {
    source: { kind: 'plex-track', ratingKey: SO_WHAT },
    stem,
    gainDb: 6,
    reply: {
      kind: 'discord',
      applicationId: discord.applicationId,
      interactionToken: handle.token,
      channelId: handle.payload.channel_id as string,
      attachmentSizeLimit: 20 * 1024 * 1024,
      tokenExpiresAt: Date.now() + 15 * 60_000,
    },
    meta: createMeta({ requestedBy: user }),
  };
  const id = await bus.enqueue('remix', 'remix', payload);
  /** Every edit of the answer so far, in order: its text, its files, when it arrived. */
  const edits = () =>
    discord.requests
      .filter((r) => r.method === 'PATCH' && r.path.includes(handle.token))
      .map((r) => ({
        content: String((r.json as { content?: string }).content ?? ''),
        files: r.files.length,
        at: r.at,
      }));
  return { id, handle, payload, edits, lockKey: `${prefix}:remix:${id}:lock` };
}

/** What 15 s and the next stall check do after a kill, at once: the lock lapses, the job is marked. */
async function lapse(jobId: string): Promise<void> {
  const key = (name: string) => `${stack.prefix}:remix:${name}`;
  await stack.redis
    .multi()
    .del(key(`${jobId}:lock`))
    .sadd(key('stalled'), jobId)
    .del(key('stalled-check'))
    .exec();
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('remix-worker killed mid-job and locks lost', { timeout: 240_000 }, () => {
  it('resumes a remix killed twice in a row, says so within seconds, and delivers it once', async () => {
    const user = '300000000000000101';
    const job = await remix('bass', user);
    const first = await startWorker();
    const firstSeparating = await until('the first run separates', () =>
      job.edits().find((e) => e.content.includes('separating')),
    );
    expect(firstSeparating.content).toMatch(/separating the bass… 0 %$/);
    await first.stop('SIGKILL');
    const killedAt = Date.now();

    const second = await startWorker();
    const resumed = await until('the second run says it resumes', () =>
      job.edits().find((e) => e.content.includes('resuming')),
    );
    expect(resumed.content).toBe('🔁 Remix (bass +6 dB): the remix worker restarted; resuming…');
    // Lock 15 s, stall check 5 s, and the new worker's start: not a minute of a frozen 0 %.
    expect(resumed.at - killedAt).toBeLessThan(25_000);
    const third = startWorker();
    await until('the second run separates', () =>
      job.edits().find((e) => e.at > resumed.at && e.content.includes('separating')),
    );
    await second.stop('SIGKILL');
    await lapse(job.id);

    await third;
    const { outcome, job: done } = await stack.finished(job.id);
    expect(outcome).toMatchObject({ ok: true, value: { delivered: 'attachment', bitrateKbps: 320 } });
    expect(done.stalledCounter).toBe(2);

    const edits = job.edits();
    expect(edits.filter((e) => e.content.includes('resuming')).map((e) => e.content)).toEqual([
      '🔁 Remix (bass +6 dB): the remix worker restarted; resuming…',
      '🔁 Remix (bass +6 dB): the remix worker restarted (2 times); resuming…',
    ]);
    expect(edits.filter((e) => e.files > 0)).toHaveLength(1);
    const [original] = job.handle.messages();
    expect(String(original?.content)).toMatch(/^✅ \*\*So What\*\* by Miles Davis \(bass \+6 dB\)/);
    expect(original?.attachments).toHaveLength(1);

    const row = await findRemixJob(stack.pg.db, job.payload.meta.correlationId);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(row?.deliveredAt).toBeInstanceOf(Date);
    expect(await stack.redis.zcard(remixLimitKeys(stack.prefix, user, Date.now()).active)).toBe(0);
  });

  it('delivers once when the lock is lost during the delivery: the run after the stall stops at once', async () => {
    const alive = workers.some((w) => w.child.exitCode === null && w.child.signalCode === null);
    if (!alive) await startWorker();
    const job = await remix('bass', '300000000000000102');
    let uploading: number | undefined;
    discordProxy.beforeUpload = async () => {
      discordProxy.beforeUpload = undefined;
      uploading = Date.now();
      // As a Redis outage longer than the lock would: the job cannot be completed by this run.
      await stack.redis.del(job.lockKey);
    };
    const { outcome, job: done } = await stack.finished(job.id);
    expect(uploading).toBeDefined();
    expect(outcome).toMatchObject({ ok: true, value: { delivered: 'attachment' } });
    expect(done.stalledCounter).toBe(1);
    const edits = job.edits();
    expect(edits.filter((e) => e.files > 0)).toHaveLength(1);
    // The run after the stall touched nothing: the ✅ with its file is the last edit.
    expect(edits.at(-1)?.files).toBe(1);
    expect(edits.at(-1)?.content).toMatch(/^✅ /);
    expect(edits.some((e) => e.content.includes('resuming'))).toBe(false);
    expect((await findRemixJob(stack.pg.db, job.payload.meta.correlationId))?.status).toBe('succeeded');
  });

  it('gives a remix up after as many kills as the queue has attempts, and says so', async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    const user = '300000000000000103';
    let holder = await startWorker();
    const job = await remix('drums', user);
    let since = 0;
    for (let kill = 1; kill <= 3; kill++) {
      const next = startWorker();
      const separating = await until(`run ${kill} separates`, () =>
        job.edits().find((e) => e.at > since && e.content.includes('separating')),
      );
      since = separating.at;
      await holder.stop('SIGKILL');
      await lapse(job.id);
      holder = await next;
    }
    // The fourth worker takes the job up and gives it up.
    const { outcome, job: failed } = await stack.finished(job.id);
    expect(outcome).toMatchObject({ ok: false, reason: STALLED_OUT });
    expect(failed.failedReason).toBe(STALLED_OUT);

    const told = await until('the user is told', () => job.edits().find((e) => e.content.startsWith('❌')));
    expect(told.content).toBe(
      '❌ Remix (drums +6 dB): could not be made — the remix worker restarted 3 times while making it (it may be running out of memory); please try again.',
    );
    expect(job.edits().filter((e) => e.files > 0)).toEqual([]);
    const row = await findRemixJob(stack.pg.db, job.payload.meta.correlationId);
    expect(row).toMatchObject({ status: 'failed', deliveredAt: null });
    const keys = remixLimitKeys(stack.prefix, user, Date.now());
    expect(await stack.redis.zcard(keys.active)).toBe(0);
    expect(await stack.redis.sismember(keys.day, job.payload.meta.correlationId)).toBe(0);
  });
});

interface DiscordProxy {
  /** DISCORD_API_URL for the worker. */
  api: string;
  /** Runs before a request with files (an upload) is passed on; the upload waits for it. */
  beforeUpload: (() => Promise<void>) | undefined;
  close(): Promise<void>;
}

/** Passes every request on to the fake Discord, so a test can act at the moment of an upload. */
async function startDiscordProxy(target: string): Promise<DiscordProxy> {
  const upstream = new URL(target);
  const proxy: DiscordProxy = {
    api: '',
    beforeUpload: undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (String(req.headers['content-type']).startsWith('multipart/') && proxy.beforeUpload) {
      await proxy.beforeUpload();
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(Buffer.concat(chunks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.api = `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`;
  return proxy;
}
