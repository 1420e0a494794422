import { fileURLToPath } from 'node:url';
import { createBus, createMeta, type JobName, type JobPayload, runWorker } from '@autoalex/contracts';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { BUSY_MESSAGE, interactionKeys } from '@autoalex/ingress';
import { freePort, type SpawnedService, spawnService } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real gateway process against the fake Discord and real Redis: interactions reach the bus and
// get the deadline guard, voice dispatches reach the player's queue, op 4 goes out on the shard, and
// a restart resumes the stored session.

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const prefix = testQueuePrefix();
let database: TestDatabase;
let fake: FakeDiscord;
let redis: Redis;
let bus: ReturnType<typeof createBus>;
let gateway: SpawnedService;
let gatewayPort: number;
let env: Record<string, string>;

async function startGateway(): Promise<SpawnedService> {
  gatewayPort = await freePort();
  const service = spawnService(entry, { ...env, GATEWAY_PORT: String(gatewayPort) });
  try {
    await service.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('shard 0 ready'));
    await service.waitForLog((line) => line.msg === 'ready');
    return service;
  } catch (err) {
    await service.stop('SIGKILL');
    throw err;
  }
}

/** Resolves once `check` returns something (polling; what it waits for has no event to await). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  fake = await startFakeDiscord();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  bus = createBus({ connection: testRedisUrl(), prefix });
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restOptions.api,
    INTERACTION_DEFER_AFTER_MS: '300',
    INTERACTION_BUSY_AFTER_MS: '3000',
  };
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway?.stop('SIGKILL');
  await bus?.close();
  await redis?.quit();
  await fake?.close();
  await database?.drop();
});

describe('gateway process with the fake Discord', () => {
  it('identifies with Guilds and GuildVoiceStates only', () => {
    const identify = fake.gatewaySends.find((s) => s.op === 2);
    expect(identify?.d).toMatchObject({ intents: 1 | 128 });
  });

  it('publishes an injected interaction untouched and stays silent when the interactions service answers', async () => {
    const seen = Promise.withResolvers<JobPayload<'interactions', 'interaction'>>();
    // Stands in for the interactions service: takes the job, claims it, answers in time.
    const worker = runWorker({
      queue: 'interactions',
      connection: testRedisUrl(),
      prefix,
      handlers: {
        interaction: async (job) => {
          const keys = interactionKeys(prefix, job.interaction.id);
          await redis.set(keys.handled, 'interactions', 'PX', 900_000, 'NX');
          await redis.set(keys.ack, 'interactions', 'PX', 900_000, 'NX');
          const { id, token } = job.interaction;
          await fetch(`${fake.restOptions.api}/v10/interactions/${id}/${token}/callback`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 4, data: { content: 'pong' } }),
          });
          seen.resolve(job);
        },
      },
    });
    try {
      const handle = fake.injectInteraction({ data: { name: 'status' } });
      const job = await seen.promise;
      expect(job.interaction).toEqual(handle.payload);
      expect(job).toMatchObject({ source: 'gateway', meta: { guildId: fake.guilds[0]?.id } });
      // The guard ran and found the answer claimed.
      await eventually(async () => {
        const metrics = await (await fetch(`http://127.0.0.1:${gatewayPort}/metrics`)).text();
        return /autoalex_interaction_guard_outcomes_total\{[^}]*outcome="answered"[^}]*\} 1/.test(metrics) || undefined;
      }, 'the guard outcome');
      expect(fake.callbacks.filter((c) => c.interactionId === handle.id).map((c) => c.type)).toEqual([4]);
    } finally {
      await worker.close();
    }
  });

  it('with nobody consuming: the guard defers within the deadline, then edits in the busy message', async () => {
    const handle = fake.injectInteraction({ data: { name: 'help' } });
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 5, data: { flags: 64 } });
    const [message] = await handle.waitForMessages(1);
    expect(message).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });
    const job = await bus.queue('interactions').getJob(`interaction-${handle.id}`);
    expect(await job?.getState()).toBe('waiting');
    expect(await redis.get(interactionKeys(prefix, handle.id).handled)).toBe('abandoned');
    expect(fake.violations).toEqual([]);
  });

  it("relays the bot's own voice states and the voice server, sends op 4 on the shard, in order", async () => {
    const got: { name: JobName<'voice-events'>; guildId: string; data: Record<string, unknown> }[] = [];
    const waiting: { count: number; resolve: () => void }[] = [];
    const arrivals = (count: number) =>
      new Promise<void>((resolve) => (got.length >= count ? resolve() : waiting.push({ count, resolve })));
    const record = (name: JobName<'voice-events'>) => async (job: { guildId: string; data: unknown }) => {
      got.push({ name, guildId: job.guildId, data: job.data as Record<string, unknown> });
      for (const w of waiting) if (got.length >= w.count) w.resolve();
    };
    const worker = runWorker({
      queue: 'voice-events',
      connection: testRedisUrl(),
      prefix,
      handlers: {
        'voice-state-update': record('voice-state-update'),
        'voice-server-update': record('voice-server-update'),
      },
    });
    try {
      const guild = fake.guilds[0]!;
      const lounge = guild.channels.find((c) => c.type === 2)!;
      // A member moving about: not the player's business.
      fake.injectVoiceState({ user_id: guild.members[0]!.id, channel_id: lounge.id });
      // What the player's adapter sends to join; the fake answers as Discord does.
      const payload = {
        op: 4 as const,
        d: { guild_id: guild.id, channel_id: lounge.id, self_mute: false, self_deaf: true },
      };
      await bus.enqueue('gateway-send', 'voice-state', {
        guildId: guild.id,
        payload,
        meta: createMeta({ guildId: guild.id }),
      });
      const sent = await fake.waitForGatewaySend(4);
      expect(sent).toMatchObject({ d: payload.d, sessionId: fake.gatewaySessionId });
      await arrivals(2);
      expect(got.map((g) => g.name)).toEqual(['voice-state-update', 'voice-server-update']);
      expect(got[0]?.data).toMatchObject({
        user_id: fake.botUser.id,
        channel_id: lounge.id,
        session_id: fake.gatewaySessionId,
        self_deaf: true,
      });
      expect(got[1]?.data).toMatchObject({ guild_id: guild.id, endpoint: expect.any(String) });

      // Dispatched back to back: they reach the player's queue in Discord's order.
      fake.injectVoiceServer({ guild_id: guild.id, token: 'moved-token' });
      fake.injectVoiceState({ user_id: fake.botUser.id, channel_id: null });
      fake.injectVoiceServer({ guild_id: guild.id, token: 'last-token' });
      await arrivals(5);
      expect(got.map((g) => g.name).slice(2)).toEqual([
        'voice-server-update',
        'voice-state-update',
        'voice-server-update',
      ]);
      expect(got.map((g) => g.data.token ?? g.data.channel_id).slice(2)).toEqual(['moved-token', null, 'last-token']);
      expect(got.every((g) => g.guildId === guild.id)).toBe(true);
      expect(got.filter((g) => g.data.user_id === guild.members[0]!.id)).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('resumes the stored session after a restart and publishes what Discord replays', async () => {
    const before = fake.gatewaySessionId;
    expect(await gateway.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const stored = JSON.parse((await redis.get(`${prefix}:gateway:session:0`)) ?? 'null');
    expect(stored).toMatchObject({ sessionId: before, shardId: 0, shardCount: 1 });
    // Sent while no gateway runs: Discord keeps it for the resumed session.
    const missed = fake.injectInteraction({ data: { name: 'status' } });
    gateway = await startGateway();
    expect(gateway.logs.some((l) => l.msg === 'shard 0 ready (resumed)')).toBe(true);
    const resume = fake.gatewaySends.filter((s) => s.op === 6).at(-1);
    expect(resume?.d).toMatchObject({ session_id: before, token: fake.token });
    expect(fake.gatewaySessionId).toBe(before);
    const job = await eventually(
      async () => (await bus.queue('interactions').getJob(`interaction-${missed.id}`)) ?? undefined,
      'the replayed interaction on the bus',
    );
    expect(job.data.interaction).toEqual(missed.payload);
  });
});
