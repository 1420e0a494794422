import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Bus, consoleStreamKey, createMeta, type JobInput } from '@autoalex/contracts';
import { type DbClient, remixJobs, stemCache } from '@autoalex/db';
import { readConsoleEntry } from '@autoalex/discord';
import type { FakeDiscord } from '@autoalex/discord/testing';
import { bootService, freePort, type SpawnedService } from '@autoalex/runtime/testing';
import { createLocalBlobStore, verifyLocalLink } from '@autoalex/storage';
import { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, ffprobe } from './helpers.ts';
import { type RemixStack, startRemixStack } from './remix-stack.ts';

// The real remix-worker process against real Redis and Postgres, the fake Plex (serving an MP3 made
// by FFmpeg), the fake Discord, and console sessions (bin/alex's reply target), with test-made models.

const SECRET = 'e2e-link-signing-secret-0123456789';
const SO_WHAT = '5201';
let stack: RemixStack;
let dir: string;
let pg: DbClient;
let discord: FakeDiscord;
let service: SpawnedService;
let bus: Bus;
let redis: Redis;
let prefix: string;

beforeAll(async () => {
  stack = await startRemixStack({ seconds: 6 });
  ({ dir, pg, discord, bus, redis, prefix } = stack);
  const port = await freePort();
  const booted = await bootService(
    new URL('../src/main.ts', import.meta.url).pathname,
    stack.env(port, { LINK_SIGNING_SECRET: SECRET, REMIX_THREADS: '2', REMIX_DAILY_LIMIT: '2' }),
    port,
  );
  service = booted.service;
  expect(booted.health.checks).toMatchObject({
    models: { status: 'ok' },
    plex: { status: 'ok' },
    queue: { status: 'ok' },
    storage: { status: 'ok' },
  });
}, 120_000);

afterAll(async () => {
  await service?.stop('SIGTERM');
  await stack?.close();
});

type RemixInput = JobInput<'remix', 'remix'>;

function consoleTarget() {
  return { kind: 'console' as const, sessionId: randomUUID(), interactionId: '1300000000000000777' };
}

/** Enqueues like the interactions service and waits for the worker's verdict. */
let users = 0;

async function run(payload: Omit<RemixInput, 'meta'>, user = `3000000000000${String(10_000 + ++users)}`) {
  const id = await bus.enqueue('remix', 'remix', { ...payload, meta: createMeta({ requestedBy: user }) });
  const { outcome, job } = await stack.finished(id);
  return { id, outcome, job };
}

/** What the console session received: the edits' text, the files, and the final marker. */
async function consoleAnswers(sessionId: string) {
  const entries = await redis.xrange(consoleStreamKey(prefix, sessionId), '-', '+');
  const messages: {
    content: string;
    files: { storageKey: string; filename: string }[];
    body: Record<string, unknown>;
  }[] = [];
  let final: string | undefined;
  for (const [, fields] of entries) {
    const entry = readConsoleEntry(fields);
    if (entry.type === 'message') {
      messages.push({
        content: String(entry.message.body.content ?? ''),
        files: entry.message.files,
        body: entry.message.body,
      });
    }
    if (entry.type === 'final') final = entry.final.outcome;
  }
  return { messages, final };
}

describe('remix-worker end to end', { timeout: 120_000 }, () => {
  it('remixes a Plex track for a console session: one message through every phase, then the MP3', async () => {
    const reply = consoleTarget();
    const { outcome } = await run({
      source: { kind: 'plex-track', ratingKey: SO_WHAT },
      stem: 'vocals',
      gainDb: -60,
      preset: 'karaoke',
      reply,
    });
    expect(outcome).toMatchObject({ ok: true, value: { delivered: 'attachment', bitrateKbps: 320, cacheHit: false } });
    const { messages, final } = await consoleAnswers(reply.sessionId);
    const texts = messages.map((m) => m.content);
    expect(texts[0]).toBe('⬇️ Remix (karaoke): downloading the track…');
    expect(texts).toContain('🎚️ **So What** by Miles Davis (karaoke): separating the vocals… 0 %');
    expect(texts).toContain('🎛️ **So What** by Miles Davis (karaoke): mixing and encoding the MP3…');
    expect(texts.some((t) => /uploading the remix \(\d+\.\d MB\)/.test(t))).toBe(true);
    const last = messages.at(-1)!;
    expect(last.content).toMatch(/^✅ \*\*So What\*\* by Miles Davis \(karaoke\) · vocals -60 dB · MP3 320 kbit\/s · /);
    expect(last.files).toHaveLength(1);
    expect(last.files[0]!.filename).toBe('So What (karaoke).mp3');
    expect(final).toBe('ok');

    // The stored file is the remix: 320 kbit/s, the track's length, tags and cover from Plex.
    const stored = join(dir, 'data', 'blobs', last.files[0]!.storageKey);
    const probe = ffprobe(stored);
    expect(Math.abs(Number(probe.format.duration) - 6)).toBeLessThan(0.1);
    expect(Number(probe.format.bit_rate)).toBeGreaterThan(310_000);
    expect(probe.format.tags).toMatchObject({
      title: 'So What (karaoke)',
      artist: 'Miles Davis',
      album: 'Kind of Blue',
    });
    expect(probe.streams.some((s) => s.codec_type === 'video' && s.disposition?.attached_pic === 1)).toBe(true);

    const row = (await pg.db.select().from(remixJobs)).find((r) => r.trackRatingKey === SO_WHAT);
    expect(row).toMatchObject({ status: 'succeeded', stem: 'vocals', gainDb: -60, attempts: 1 });
    expect(row!.outputKey).toBe(last.files[0]!.storageKey);
    expect(JSON.stringify(row!.request)).not.toContain('interactionToken');
    const cached = await pg.db.select().from(stemCache);
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatchObject({ contentHash: row!.contentHash, stem: 'vocals' });
  });

  it('remixes the same track again from the stem cache, without separating', async () => {
    const reply = consoleTarget();
    const { outcome } = await run({
      source: { kind: 'plex-track', ratingKey: SO_WHAT },
      stem: 'vocals',
      gainDb: -20,
      reply,
    });
    expect(outcome).toMatchObject({ ok: true, value: { cacheHit: true } });
    const { messages, final } = await consoleAnswers(reply.sessionId);
    expect(messages.some((m) => m.content.includes('separating'))).toBe(false);
    expect(messages.at(-1)!.content).toMatch(/vocals -20 dB · MP3 320 kbit\/s/);
    expect(final).toBe('ok');
  });

  it('answers a Discord interaction: a link when even 128 kbit/s is over its attachment limit', async () => {
    const handle = await discord.sendHttpInteraction(stack.endpointUrl, {
      data: { name: 'reduce', type: 1 },
    });
    expect(handle.callbackStatus).toBe(204);
    const { outcome } = await run({
      source: { kind: 'plex-track', ratingKey: SO_WHAT },
      stem: 'drums',
      gainDb: -60,
      preset: 'drumless',
      reply: {
        kind: 'discord',
        applicationId: discord.applicationId,
        interactionToken: handle.token,
        channelId: handle.payload.channel_id as string,
        attachmentSizeLimit: 50_000,
        tokenExpiresAt: Date.now() + 15 * 60_000,
      },
    });
    expect(outcome).toMatchObject({ ok: true, value: { delivered: 'link' } });
    const [original] = handle.messages();
    const content = String(original?.content);
    expect(content).toMatch(/^✅ \*\*So What\*\* by Miles Davis \(drumless\) · drums -60 dB · MP3 320 kbit\/s/);
    const url = new URL(/https?:\/\/\S+/.exec(content)![0]);
    const key = decodeURIComponent(url.pathname.replace(/^\/files\//, ''));
    expect(verifyLocalLink(SECRET, key, url.searchParams.get('expires'), url.searchParams.get('signature'))).toEqual({
      ok: true,
    });
    expect(discord.violations).toEqual([]);
  });

  it('fails a non-audio upload once, telling the user why', async () => {
    const storage = createLocalBlobStore({ root: join(dir, 'data', 'blobs'), publicUrl: 'http://localhost:8080' });
    await storage.put('uploads/notes.mp3', Buffer.from('not music at all\n'.repeat(100)));
    const reply = consoleTarget();
    const { outcome, job } = await run({
      source: { kind: 'upload', storageKey: 'uploads/notes.mp3', filename: 'notes.mp3' },
      stem: 'bass',
      gainDb: 4,
      reply,
    });
    expect(outcome.ok).toBe(false);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/not an audio file I can read/);
    const { messages, final } = await consoleAnswers(reply.sessionId);
    expect(messages.at(-1)!.content).toMatch(
      /^❌ \*\*notes\.mp3\*\* \(bass \+4 dB\): could not be made — this is not an audio file I can read/,
    );
    expect(final).toBe('error');
  });

  it('says so when the track is gone from Plex', async () => {
    const reply = consoleTarget();
    const { outcome, job } = await run({
      source: { kind: 'plex-track', ratingKey: '999999' },
      stem: 'bass',
      gainDb: 4,
      reply,
    });
    expect(outcome.ok).toBe(false);
    expect(job?.attemptsMade).toBe(1);
    const { messages } = await consoleAnswers(reply.sessionId);
    expect(messages.at(-1)!.content).toContain('that track is not in the Plex library any more');
  });

  it('finishes with an ordinary bot message once the interaction token has expired', async () => {
    const handle = await discord.sendHttpInteraction(stack.endpointUrl, {
      data: { name: 'boost', type: 1 },
    });
    discord.expireToken(handle.token);
    const channelId = handle.payload.channel_id as string;
    const { outcome } = await run({
      source: { kind: 'plex-track', ratingKey: SO_WHAT },
      stem: 'bass',
      gainDb: 6,
      reply: {
        kind: 'discord',
        applicationId: discord.applicationId,
        interactionToken: handle.token,
        channelId,
        attachmentSizeLimit: 10 * 1024 * 1024,
        tokenExpiresAt: Date.now() + 15 * 60_000,
      },
    });
    expect(outcome).toMatchObject({ ok: true, value: { delivered: 'attachment' } });
    const posted = discord.channelMessages(channelId).at(-1)!;
    expect(String(posted.content)).toMatch(/^✅ \*\*So What\*\* by Miles Davis \(bass \+6 dB\)/);
    const [attachment] = posted.attachments as { id: string; filename: string }[];
    expect(attachment?.filename).toBe('So What (bass +6 dB).mp3');
    expect(discord.attachment(attachment!.id)?.bytes.subarray(0, 3).toString()).toBe('ID3');
  });

  it("keeps to a user's daily allowance", async () => {
    const user = '300000000000000009';
    const remix = () =>
      run(
        { source: { kind: 'plex-track', ratingKey: SO_WHAT }, stem: 'bass', gainDb: 2, reply: consoleTarget() },
        user,
      );
    expect((await remix()).outcome.ok).toBe(true);
    expect((await remix()).outcome.ok).toBe(true);
    const third = await remix();
    expect(third.outcome).toMatchObject({ ok: false });
    expect(third.job?.failedReason).toBe("you have used today's 2 remixes; the allowance resets at midnight UTC");
  });
  it('on SIGTERM stops a running remix, says it went back to the queue, and exits 0', async () => {
    const long = join(dir, 'long.flac');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=150:duration=150', '-ac', '2', long]);
    const storage = createLocalBlobStore({ root: join(dir, 'data', 'blobs'), publicUrl: 'http://localhost:8080' });
    await storage.put('uploads/long.flac', await readFile(long));
    const reply = consoleTarget();
    const id = await bus.enqueue('remix', 'remix', {
      source: { kind: 'upload', storageKey: 'uploads/long.flac', filename: 'long.flac' },
      stem: 'other',
      gainDb: -10,
      reply,
      meta: createMeta({ requestedBy: '300000000000099999' }),
    });
    // Wait, on the stream itself, until the separation is under way.
    const key = consoleStreamKey(prefix, reply.sessionId);
    let last = '0';
    for (let separating = false; !separating; ) {
      const read = await redis.xread('BLOCK', 30_000, 'STREAMS', key, last);
      if (!read) throw new Error('the remix never started separating');
      for (const [entryId, fields] of read[0]![1]) {
        last = entryId;
        const entry = readConsoleEntry(fields);
        if (entry.type === 'message' && String(entry.message.body.content).includes('separating')) separating = true;
      }
    }
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const job = await Job.fromId(bus.queue('remix'), id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);
    const { messages, final } = await consoleAnswers(reply.sessionId);
    expect(messages.at(-1)!.content).toMatch(/the remix worker is restarting; your remix went back to the queue/);
    expect(final).toBeUndefined();
  });
});
