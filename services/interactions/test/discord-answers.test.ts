import { once } from 'node:events';
import { type Bus, createBus, createMeta, type DiscordInteraction, type InteractionJob } from '@autoalex/contracts';
import { createDb, type DbClient } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { createDiscordRest } from '@autoalex/discord';
import { type FakeDiscord, type InteractionHandle, startFakeDiscord } from '@autoalex/discord/testing';
import { interactionKeys } from '@autoalex/ingress';
import { completionView } from '@autoalex/listening/testing';
import { createLogger, createRedis, type Redis } from '@autoalex/runtime';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DispatchDeps, handleInteraction } from '../src/dispatch/handle-interaction.ts';
import { featureDeps } from '../src/features/index.ts';
import { createCardRenderer } from '../src/features/listening/cards.ts';
import { createServiceDeps, type ServiceDepsOptions } from '../src/service-deps.ts';
import { fakeLibrary } from './support/fake-deps.ts';

// The interactions service answering gateway and HTTP interactions of the fake Discord, which
// checks every body against Discord's OpenAPI description — including ADR 0002's case where the
// deadline guard deferred first and the answer must go out as an edit of @original.

const prefix = testQueuePrefix();
const logger = createLogger({ service: 'interactions-test', level: 'silent' });
let fake: FakeDiscord;
let client: Client;
let redis: Redis;
let options: ServiceDepsOptions;
let deps: DispatchDeps;
let database: TestDatabase;
let pg: DbClient;
let bus: Bus;

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: fake.restOptions });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  redis = createRedis(testRedisUrl(), { logger });
  database = await createTestDatabase();
  pg = createDb(database.url);
  bus = createBus({ connection: testRedisUrl(), prefix });
  options = {
    redis,
    queuePrefix: prefix,
    rest: createDiscordRest({ api: fake.restOptions.api, token: fake.token }),
    db: pg.db,
    bus,
    instance: 'test-1',
    limits: { windowMs: 10_000, perUser: 100, perGuild: 100 },
    listenedThreshold: 50,
    remixLimits: { activePerUser: 1, perDay: 20 },
    logger,
  };
  deps = createServiceDeps(options);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
  await bus?.close();
  await pg?.close();
  await database?.drop();
  redis?.disconnect();
});

afterEach(() => {
  expect(fake.violations.splice(0), 'every body sent is valid for Discord').toEqual([]);
});

function job(handle: InteractionHandle, source: InteractionJob['source'] = 'gateway'): InteractionJob {
  return {
    interaction: handle.payload as DiscordInteraction,
    receivedAt: Date.now(),
    source,
    meta: createMeta(),
  };
}

type Partial = Parameters<FakeDiscord['injectInteraction']>[0];

function slash(name: string, options?: unknown[]): InteractionHandle {
  return fake.injectInteraction({ data: { name, type: 1, ...(options ? { options } : {}) } } as Partial);
}

/** What the deadline guard does when it wins: claim `ack`, send the deferral. */
async function guardDefers(handle: InteractionHandle, body: Record<string, unknown>): Promise<void> {
  await redis.set(interactionKeys(prefix, handle.id).ack, 'guard', 'PX', 60_000);
  const response = await fetch(`${fake.restOptions.api}/v10/interactions/${handle.id}/${handle.token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(204);
}

describe('interactions service against the fake Discord', () => {
  it('answers /completion with the real PNG card: a deferral, then @original edited with the file', async () => {
    const real = featureDeps(options);
    const withCard = createServiceDeps(options, {
      ...real,
      listening: {
        ...real.listening,
        library: fakeLibrary({ linkedPlexUser: async () => 1001, completion: async () => completionView }),
        cards: createCardRenderer(undefined),
      },
    });
    const handle = slash('completion', [{ name: 'artist', type: 3, value: 'Miles Davis' }]);
    expect(await handleInteraction(withCard, job(handle), logger)).toBe('ok');
    expect((await handle.waitForCallback()).type).toBe(5);
    const [message] = await handle.waitForMessages(1);
    const attachments = message!.attachments as { filename: string; size: number; content_type?: string }[];
    expect(attachments.map((a) => a.filename)).toEqual(['completion.png']);
    expect(attachments[0]!.size).toBeGreaterThan(1000);
    expect(message!.embeds).toMatchObject([
      { title: 'Alice × Miles Davis', image: { url: 'attachment://completion.png' } },
    ]);
    const edit = fake.requests.find((r) => r.path.includes(handle.token) && r.method === 'PATCH');
    expect(edit?.route).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/@original');
  });

  it('answers a gateway interaction with the callback (ephemeral /help)', async () => {
    const handle = slash('help');
    expect(await handleInteraction(deps, job(handle), logger)).toBe('ok');
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^Available now/) });
    expect(await redis.get(interactionKeys(prefix, handle.id).ack)).toBe('interactions');
  });

  it('sends the answer as an edit of @original when the guard deferred first (ack lost)', async () => {
    const handle = slash('status');
    await guardDefers(handle, { type: 5 });
    expect(await handleInteraction(deps, job(handle), logger)).toBe('ok');
    const [message] = await handle.waitForMessages(1);
    expect((message!.embeds as { title: string }[])[0]!.title).toMatch(/^Autoalex: /);
    expect(fake.callbacks.filter((c) => c.interactionId === handle.id).map((c) => c.type)).toEqual([5]);
    const edit = fake.requests.filter((r) => r.path.includes(handle.token) && r.method === 'PATCH');
    expect(edit.map((r) => r.route)).toEqual(['/webhooks/{webhook_id}/{webhook_token}/messages/@original']);
  });

  it('replaces a public guard deferral with an ephemeral follow-up when the answer is private', async () => {
    const handle = slash('volume', [{ name: 'level', type: 4, value: 50 }]);
    await guardDefers(handle, { type: 5 });
    expect(await handleInteraction(deps, job(handle), logger)).toBe('rejected');
    const [message] = await handle.waitForMessages(1);
    expect(message).toMatchObject({
      content: '/volume is not available yet — the voice player arrives in a later release.',
      flags: 64,
    });
  });

  it('pushes the initial response of an HTTP interaction to its Redis list instead of calling back', async () => {
    const handle = slash('help', [{ name: 'command', type: 3, value: 'status' }]);
    expect(await handleInteraction(deps, job(handle, 'http'), logger)).toBe('ok');
    const [raw] = await redis.lrange(interactionKeys(prefix, handle.id).http, 0, -1);
    const body = JSON.parse(raw!) as { type: number; data: { embeds: { title: string }[]; flags: number } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.title).toBe('/status');
    expect(fake.requests.filter((r) => r.path.includes(handle.id))).toEqual([]);
  });

  it('answers the Details button of a /status it posted, and a stale button with "expired"', async () => {
    const handle = slash('status');
    await handleInteraction(deps, job(handle), logger);
    const [posted] = await handle.waitForMessages(1);
    const customId = (posted!.components as { components: { custom_id: string }[] }[])[0]!.components[0]!.custom_id;
    const click = fake.injectInteraction({
      type: 3,
      data: { component_type: 2, custom_id: customId },
      message: posted!,
    });
    expect(await handleInteraction(deps, job(click), logger)).toBe('ok');
    expect((await click.waitForCallback()).data).toMatchObject({ flags: 64 });

    const stale = fake.injectInteraction({ type: 3, data: { component_type: 2, custom_id: 'status:gone' } });
    expect(await handleInteraction(deps, job(stale), logger)).toBe('rejected');
    expect((await stale.waitForCallback()).data).toMatchObject({
      content: 'This button has expired — run /status again.',
      flags: 64,
    });
  });
});
