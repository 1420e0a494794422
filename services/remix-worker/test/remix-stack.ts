import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createBus } from '@autoalex/contracts';
import { createDb, type DbClient } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { type FakePlex, sampleLibrary, startFakePlex } from '@autoalex/plex/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Job, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { ffmpeg, writeModels } from './helpers.ts';

// What the remix-worker process runs against in the end-to-end tests: real Redis and Postgres, the
// fake Plex serving one MP3 made by FFmpeg as every track, the fake Discord, an "interactions
// service" that defers every HTTP interaction, and test-made models.

export interface RemixStack {
  dir: string;
  prefix: string;
  database: TestDatabase;
  pg: DbClient;
  plex: FakePlex;
  discord: FakeDiscord;
  /** URL of the endpoint that answers every interaction with a deferral. */
  endpointUrl: string;
  bus: Bus;
  events: QueueEvents;
  redis: Redis;
  /** The worker's variables; `overrides` win. */
  env(port: number, overrides?: Record<string, string>): Record<string, string>;
  /** Waits for a job's verdict: its value, or why it failed; and the job as it ended. */
  finished(id: string): Promise<{ outcome: { ok: true; value: unknown } | { ok: false; reason: string }; job: Job }>;
  close(): Promise<void>;
}

/** `seconds`: the MP3's length (stereo tones, 192 kbit/s). */
export async function startRemixStack(options: { seconds: number }): Promise<RemixStack> {
  const dir = await mkdtemp(join(tmpdir(), 'remix-e2e-'));
  await mkdir(join(dir, 'models'));
  await writeModels(join(dir, 'models'));
  const mp3 = join(dir, 'so-what.mp3');
  const tone = (hz: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${options.seconds}`];
  ffmpeg([
    ...[...tone(220), ...tone(330), '-filter_complex', '[0][1]join=inputs=2:channel_layout=stereo'],
    ...['-c:a', 'libmp3lame', '-b:a', '192k', mp3],
  ]);
  const plex = await startFakePlex(sampleLibrary(), { audio: { bytes: await readFile(mp3), container: 'mp3' } });
  const discord = await startFakeDiscord();
  // The interactions service's part: take the HTTP interaction and defer it.
  const endpoint: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 5 }));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const database = await createTestDatabase();
  const pg = createDb(database.url);
  const prefix = testQueuePrefix();
  const redis = new Redis(testRedisUrl());
  const bus = createBus({ connection: testRedisUrl(), prefix });
  const events = new QueueEvents('remix', { connection: { url: testRedisUrl() }, prefix });
  await events.waitUntilReady();
  return {
    dir,
    prefix,
    database,
    pg,
    plex,
    discord,
    endpointUrl: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`,
    bus,
    events,
    redis,
    env: (port, overrides = {}) => ({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      REMIX_WORKER_PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      DEMUCS_MODEL_DIR: join(dir, 'models'),
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.restOptions.api,
      LOG_LEVEL: 'info',
      ...overrides,
    }),
    async finished(id) {
      const job = await Job.fromId(bus.queue('remix'), id);
      const outcome = await job!.waitUntilFinished(events, 120_000).then(
        (value: unknown) => ({ ok: true as const, value }),
        (err: Error) => ({ ok: false as const, reason: err.message }),
      );
      return { outcome, job: (await Job.fromId(bus.queue('remix'), id))! };
    },
    async close() {
      await events.close();
      await bus.close();
      await redis.quit();
      await pg.close();
      await database.drop();
      await plex.close();
      await discord.close();
      await new Promise((resolve) => endpoint.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
