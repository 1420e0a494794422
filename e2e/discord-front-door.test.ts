import { createBus } from '@autoalex/contracts';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import {
  type CallbackRecord,
  type FakeDiscord,
  generateInteractionKeys,
  type InteractionHandle,
  startFakeDiscord,
} from '@autoalex/discord/testing';
import { BUSY_MESSAGE, interactionKeys } from '@autoalex/ingress';
import { createLogger, createRedis, type Redis } from '@autoalex/runtime';
import { freePort, type SpawnedService } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, firstBeat, type ServiceName, snowflakeTime, startService } from './support/services.ts';

// Issue #3, "Done means": the real gateway, interactions and web processes against the fake Discord,
// a fresh database and the test Redis. Slash commands are answered by REST within the deadline; with
// the interactions service down the gateway's guard defers and then says "busy"; the abandoned
// interaction is not answered again after a restart; HTTP interactions are answered in the HTTP
// response and forged ones refused. Every body the suite sends validates against Discord's spec.
// Latencies are read from the fake's own records (callback `at` minus the interaction's snowflake
// time), never from sleeps.

/** Short guard timings (ADR 0002) so the "interactions is down" case takes seconds, not ten. */
const DEFER_AFTER_MS = 1500;
const BUSY_AFTER_MS = 3000;
/** Discord's limit for the first response. */
const DISCORD_DEADLINE_MS = 3000;

const prefix = testQueuePrefix();
let database: TestDatabase;
let fake: FakeDiscord;
let redis: Redis;
let bus: ReturnType<typeof createBus>;
let env: Record<string, string>;
let gateway: SpawnedService;
let gatewayPort: number;
let interactions: SpawnedService;
const running = new Set<SpawnedService>();

async function start(name: ServiceName, extra: Record<string, string>, ready: Parameters<typeof startService>[2]) {
  const service = await startService(name, { ...env, ...extra }, ready);
  running.add(service);
  return service;
}

async function startInteractions(): Promise<SpawnedService> {
  return start('interactions', { INTERACTIONS_PORT: String(await freePort()) }, [
    (line) => line.msg === 'answering interactions from the queue',
    firstBeat,
  ]);
}

/** Milliseconds from the interaction's creation (its snowflake) to the callback the fake recorded. */
function latency(handle: { id: string }, callback: CallbackRecord): number {
  return callback.at - snowflakeTime(handle.id);
}

function slash(name: string, options?: unknown[]): InteractionHandle {
  return fake.injectInteraction({ type: 2, data: { name, type: 1, ...(options ? { options } : {}) } } as Parameters<
    FakeDiscord['injectInteraction']
  >[0]);
}

/** Every REST request the suite made with this interaction's token, as `METHOD route`. */
function requestsFor(handle: InteractionHandle): string[] {
  return fake.requests.filter((r) => r.path.includes(handle.token)).map((r) => `${r.method} ${r.route}`);
}

/** The gateway's deadline-guard outcomes so far, from its /metrics. */
async function guardOutcomes(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${gatewayPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(
    /^autoalex_interaction_guard_outcomes_total\{[^}]*outcome="([a-z-]+)"[^}]*\} (\d+)$/gm,
  )) {
    counts[outcome!] = (counts[outcome!] ?? 0) + Number(value);
  }
  return counts;
}

const CALLBACK = 'POST /interactions/{interaction_id}/{interaction_token}/callback';
const EDIT_ORIGINAL = 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original';

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeDiscord();
  redis = createRedis(testRedisUrl(), { logger: createLogger({ service: 'e2e', level: 'silent' }) });
  bus = createBus({ connection: testRedisUrl(), prefix });
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restOptions.api,
    INTERACTION_DEFER_AFTER_MS: String(DEFER_AFTER_MS),
    INTERACTION_BUSY_AFTER_MS: String(BUSY_AFTER_MS),
    LOG_LEVEL: 'info',
  };
  gatewayPort = await freePort();
  [gateway, interactions] = await Promise.all([
    start('gateway', { GATEWAY_PORT: String(gatewayPort) }, [
      (line) => typeof line.msg === 'string' && line.msg.startsWith('shard 0 ready'),
      firstBeat,
    ]),
    startInteractions(),
  ]);
});

afterAll(async () => {
  await Promise.all([...running].map((s) => s.stop('SIGKILL')));
  await bus?.close();
  redis?.disconnect();
  await fake?.close();
  await database?.drop();
});

afterEach(() => {
  expect(fake.violations, 'every body the suite sent is valid for Discord').toEqual([]);
  expect(fake.unhandled, 'every route the suite called is one Discord has').toEqual([]);
});

describe('Discord front door, gateway interactions', () => {
  it('answers /help with an ephemeral REST reply long before the deadline', async () => {
    const handle = slash('help');
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^Available now: .*\/help/) });
    const titles = (callback.data!.embeds as { title: string }[]).map((e) => e.title);
    expect(titles).toEqual(['Library & server', 'Music studio & player', 'The suite']);
    // Before the guard would have deferred, so well within Discord's 3 s.
    expect(latency(handle, callback)).toBeLessThan(DEFER_AFTER_MS);
  });

  it('answers /status publicly with every running service and a Details button that works', async () => {
    const handle = slash('status');
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(4);
    expect(latency(handle, callback)).toBeLessThan(DEFER_AFTER_MS);
    expect((callback.data?.flags as number | undefined) ?? 0).toBe(0);
    const [embed] = callback.data!.embeds as { title: string; description: string }[];
    expect(embed!.title).toMatch(/^Autoalex: /);
    expect(embed!.description).toContain('**gateway**');
    expect(embed!.description).toContain('**interactions**');

    const [posted] = await handle.waitForMessages(1);
    const button = (posted!.components as { components: { custom_id: string; label: string }[] }[])[0]!.components[0]!;
    expect(button.label).toBe('Details');
    const click = fake.injectInteraction({
      type: 3,
      data: { component_type: 2, custom_id: button.custom_id },
      message: posted!,
    });
    const details = await click.waitForCallback();
    expect(details.type).toBe(4);
    expect(latency(click, details)).toBeLessThan(DEFER_AFTER_MS);
    const [detailEmbed] = details.data!.embeds as { fields: { name: string }[] }[];
    expect(detailEmbed!.fields.map((f) => f.name).join(' ')).toContain('interactions');
  });

  it('the guard saw every answer in time and sent nothing of its own', async () => {
    // Its deferral step (at DEFER_AFTER_MS) lost the `ack` claim for all three interactions so far.
    const outcomes = await eventually(async () => {
      const counts = await guardOutcomes();
      return (counts.answered ?? 0) >= 3 ? counts : undefined;
    }, 'the guard outcomes of the first three interactions');
    expect(outcomes).toEqual({ answered: 3 });
    expect(fake.callbacks.map((c) => c.type)).toEqual([4, 4, 4]);
  });
});

describe('Discord front door, interactions service down and back', () => {
  let abandoned: InteractionHandle;

  it('interactions stops on SIGTERM; the gateway guard defers before the deadline, then says busy', async () => {
    expect(await interactions.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    running.delete(interactions);

    abandoned = slash('help');
    const deferral = await abandoned.waitForCallback();
    expect(deferral).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(latency(abandoned, deferral)).toBeGreaterThanOrEqual(DEFER_AFTER_MS);
    expect(latency(abandoned, deferral)).toBeLessThan(DISCORD_DEADLINE_MS);

    const [message] = await abandoned.waitForMessages(1);
    expect(message).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });
    expect(requestsFor(abandoned)).toEqual([CALLBACK, EDIT_ORIGINAL]);
    expect(await redis.get(interactionKeys(prefix, abandoned.id).handled)).toBe('abandoned');
    const job = await bus.queue('interactions').getJob(`interaction-${abandoned.id}`);
    expect(await job?.getState()).toBe('waiting');
  });

  it('after a restart the abandoned interaction is dropped, not answered twice, and a new one is answered', async () => {
    interactions = await startInteractions();
    const fresh = slash('help', [{ name: 'command', type: 3, value: 'status' }]);
    const callback = await fresh.waitForCallback();
    expect(callback.type).toBe(4);
    expect(latency(fresh, callback)).toBeLessThan(DEFER_AFTER_MS);
    expect((callback.data!.embeds as { title: string }[])[0]!.title).toBe('/status');

    const dropped = await interactions.waitForLog((line) => line.jobId === `interaction-${abandoned.id}`);
    expect(dropped.msg).toBe('dropped: the deadline guard gave up on this interaction and told the user');
    const job = await bus.queue('interactions').getJob(`interaction-${abandoned.id}`);
    await eventually(async () => ((await job?.getState()) === 'completed' ? true : undefined), 'the dropped job');
    expect(requestsFor(abandoned)).toEqual([CALLBACK, EDIT_ORIGINAL]);
    expect(abandoned.messages()).toEqual([expect.objectContaining({ content: BUSY_MESSAGE })]);
    expect(fake.callbacks.filter((c) => c.interactionId === abandoned.id)).toHaveLength(1);
    expect(fake.callbacks.filter((c) => c.interactionId === fresh.id)).toHaveLength(1);
  });
});

describe('Discord front door, HTTP interactions through the web service', () => {
  let web: SpawnedService;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    web = await start('web', { WEB_PORT: String(port), DISCORD_PUBLIC_KEY: fake.interactionsPublicKey }, [firstBeat]);
    url = `http://127.0.0.1:${port}/interactions`;
  });

  it('answers PING and a signed /help in the HTTP response itself', async () => {
    expect(await fake.sendHttpInteraction(url, { type: 1 })).toMatchObject({ status: 200, body: { type: 1 } });

    const sent = await fake.sendHttpInteraction(url, { type: 2, data: { name: 'help', type: 1 } });
    expect(sent).toMatchObject({
      status: 200,
      body: { type: 4, data: { flags: 64, content: expect.stringMatching(/^Available now/) } },
      callbackStatus: 204,
    });
    const callback = await sent.waitForCallback();
    expect(latency(sent, callback)).toBeLessThan(DEFER_AFTER_MS);
    // Answered through the held response only: nothing went to Discord's REST API for it.
    expect(
      fake.requests.filter((r) => r.path.includes(sent.token)).map((r) => r.headers['x-fake-discord-via']),
    ).toEqual(['http-response']);
    const job = await bus.queue('interactions').getJob(`interaction-${sent.id}`);
    expect(job?.data).toMatchObject({ source: 'http' });
  });

  it('refuses a forged signature with 401 and publishes nothing', async () => {
    const forged = await fake.sendHttpInteraction(
      url,
      { type: 2, data: { name: 'help', type: 1 } },
      { privateKey: generateInteractionKeys().privateKey },
    );
    expect(forged.status).toBe(401);
    expect(forged.callbackStatus).toBeUndefined();
    expect(await bus.queue('interactions').getJob(`interaction-${forged.id}`)).toBeUndefined();
  });

  it('shuts every service down cleanly', async () => {
    for (const service of [web, interactions, gateway]) {
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      running.delete(service);
      expect(service.stderr()).toBe('');
    }
    expect(fake.violations).toEqual([]);
  });
});
