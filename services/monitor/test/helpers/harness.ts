import { fileURLToPath } from 'node:url';
import { type Bus, createBus, createMeta } from '@autoalex/contracts';
import { createDb, type DbClient, listRecentIncidents, type MonitorIncident } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { type FakeDocker, type FakeDockerContainerInput, startFakeDocker } from '@autoalex/docker/testing';
import { type FakePlex, sampleLibrary, startFakePlex } from '@autoalex/plex/testing';
import { freePort, type LogLine, type SpawnedService, spawnService } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { QueueEvents } from 'bullmq';
import type { APIMessage } from 'discord-api-types/v10';

// A real monitor process against a fresh database, the fake Plex, Docker and Discord. Rounds are
// driven by check-now jobs (PLEX_POLL_INTERVAL is an hour unless a test says otherwise), and each
// step waits for the log line that says the round finished: no sleeps, no timing.

export const ALERT_CHANNEL_ID = '123456789012345678';
const entry = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface HarnessOptions {
  /** Extra or overriding environment for the monitor. */
  env?: Record<string, string>;
  /** Containers in the fake Docker; none started when `dockerHost` is given. */
  containers?: FakeDockerContainerInput[];
  /** DOCKER_HOST instead of the fake Docker's socket. */
  dockerHost?: string;
  /** No Discord token or channel: alerts disabled. */
  alertsDisabled?: boolean;
}

export interface Harness {
  plex: FakePlex;
  discord: FakeDiscord;
  docker: FakeDocker | undefined;
  database: TestDatabase;
  pg: DbClient;
  bus: Bus;
  env: Record<string, string>;
  port: number;
  monitor: SpawnedService;
  /** Spawns the monitor and waits for its first round (and its heartbeat). */
  start(): Promise<SpawnedService>;
  /** SIGKILL: no shutdown hooks, as a crash. */
  kill(): Promise<void>;
  /** Enqueues check-now and resolves once that round has finished and the job completed. */
  checkNow(): Promise<LogLine>;
  /** The alert channel's messages as they are now (edits applied), oldest first. */
  alerts(): APIMessage[];
  /** Channel-message requests the fake Discord recorded: method and parsed body. */
  posted(): { method: string; json: unknown }[];
  /** Incidents of a target, newest first. */
  incidents(target?: string): Promise<MonitorIncident[]>;
  close(): Promise<void>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase();
  const plex = await startFakePlex(sampleLibrary(), { token: 'plex-owner-token-0123456789' });
  const discord = await startFakeDiscord({
    guilds: [{ channels: [{ id: ALERT_CHANNEL_ID, name: 'alerts' }] }],
  });
  const docker = options.dockerHost ? undefined : await startFakeDocker({ containers: options.containers ?? [] });
  const pg = createDb(database.url, { max: 2 });
  const queuePrefix = testQueuePrefix();
  const bus = createBus({ connection: testRedisUrl(), prefix: queuePrefix });
  // Completion events of check-now jobs: a step ends when its job is done, so a monitor killed
  // right after never leaves a job to be taken again (stalled) by the next one.
  const events = new QueueEvents('monitor', { connection: { url: testRedisUrl() }, prefix: queuePrefix });
  await events.waitUntilReady();
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: queuePrefix,
    MONITOR_PORT: String(port),
    LOG_LEVEL: 'debug',
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_POLL_INTERVAL: '3600',
    DOCKER_HOST: options.dockerHost ?? docker?.dockerHost ?? '',
    MONITOR_SERVICES: 'none',
    MONITOR_CHECK_TIMEOUT: '5',
    SHUTDOWN_TIMEOUT: '3000',
    ...(options.alertsDisabled
      ? {}
      : {
          DISCORD_TOKEN: discord.token,
          DISCORD_API_URL: discord.restOptions.api,
          DISCORD_ALERT_CHANNEL_ID: ALERT_CHANNEL_ID,
        }),
    ...options.env,
  };

  const harness: Harness = {
    plex,
    discord,
    docker,
    database,
    pg,
    bus,
    env,
    port,
    monitor: undefined as unknown as SpawnedService,
    async start() {
      const monitor = spawnService(entry, env);
      harness.monitor = monitor;
      await monitor.waitForLog((line) => line.msg === 'first check round finished');
      await monitor.waitForLog((line) => line.msg === 'heartbeat: first beat written');
      return monitor;
    },
    async kill() {
      await harness.monitor.stop('SIGKILL');
    },
    async checkNow() {
      const jobId = await bus.enqueue('monitor', 'check-now', { meta: createMeta() });
      const job = await bus.queue('monitor').getJob(jobId);
      if (!job) throw new Error(`check-now job ${jobId} is gone`);
      // Rejects at once if the monitor exits first (the log wait does), or if the job failed.
      const [line] = await Promise.all([
        harness.monitor.waitForLog((l) => l.msg === 'check-now: round finished' && l.jobId === jobId),
        job.waitUntilFinished(events),
      ]);
      return line;
    },
    alerts: () => discord.channelMessages(ALERT_CHANNEL_ID) as unknown as APIMessage[],
    posted: () =>
      discord.requests
        .filter((r) => r.route?.startsWith('/channels/{channel_id}/messages'))
        .map((r) => ({ method: r.method, json: r.json })),
    incidents: (target = 'plex') => listRecentIncidents(pg.db, target, 50),
    async close() {
      if (harness.monitor) await harness.monitor.stop('SIGKILL');
      await events.close();
      await bus.close();
      await pg.close();
      await Promise.all([plex.close(), discord.close(), docker?.close()]);
      await database.drop();
    },
  };
  return harness;
}

export interface EmbedView {
  title: string;
  description: string;
  fields: { name: string; value: string }[];
}

/** The first embed of a message, with '' and [] for what it lacks; throws when there is no message. */
export function embedOf(message: APIMessage | undefined): EmbedView {
  if (!message) throw new Error('no such message');
  const embed = message.embeds[0];
  return {
    title: embed?.title ?? '',
    description: embed?.description ?? '',
    fields: (embed?.fields ?? []).map((f) => ({ name: f.name, value: f.value })),
  };
}

/** The message, or a thrown error naming what was expected. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}`);
  return value;
}
