import type { AddressInfo } from 'node:net';
import {
  BusUnavailableError,
  createBus,
  type DiscordInteraction,
  discordInteraction,
  producerOptions,
} from '@autoalex/contracts';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { type PrivateRedis, startPrivateRedis, testQueuePrefix } from '@autoalex/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSY_MESSAGE,
  createDeadlineGuard,
  createListWaiter,
  createRestResponder,
  type DeadlineGuard,
  httpInteractions,
  interactionKeys,
  type ListWaiter,
  publishInteraction,
  redisClaims,
} from '../src/index.ts';
import { openGatewaySession } from './gateway-session.ts';

// Issue 15, item 2 (ADR 0230): with Redis away, both ingresses answer "busy" within Discord's 3 s
// through Discord itself (REST for the gateway, the held HTTP response for the endpoint), and once
// Redis is back they publish again and answer nothing twice. A redis-server of this file's own is
// killed and started again; the bus and the claims use the request-path (fail-fast) connection.

const DEFER_AFTER_MS = 1000;
const BUSY_AFTER_MS = 1600;
const DISCORD_EPOCH = 1_420_070_400_000n;

const prefix = testQueuePrefix();
let server: PrivateRedis;
let requests: Redis;
let reader: Redis;
let bus: ReturnType<typeof createBus>;
let fake: FakeDiscord;
let session: { close(): Promise<void> };
let guard: DeadlineGuard;
let waiter: ListWaiter;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  server = await startPrivateRedis();
  // The outages are on purpose: the connections' errors are expected, not worth printing.
  const quiet = (redis: Redis) => redis.on('error', () => {});
  requests = quiet(new Redis(server.url, producerOptions(server.url, 500)));
  reader = quiet(new Redis(server.url, { maxRetriesPerRequest: null }));
  bus = createBus({ connection: server.url, prefix });
  fake = await startFakeDiscord();
  session = await openGatewaySession(fake);
  guard = createDeadlineGuard({
    claims: redisClaims(requests, prefix),
    responder: createRestResponder({ apiUrl: fake.restOptions.api }),
    deferAfterMs: DEFER_AFTER_MS,
    busyAfterMs: BUSY_AFTER_MS,
    claimRetryMs: 200,
  });
  waiter = createListWaiter({
    blocking: quiet(new Redis(server.url, { maxRetriesPerRequest: null })),
    control: requests,
    prefix,
    blockSeconds: 1,
  });
  app = Fastify();
  await app.register(httpInteractions, {
    publicKey: fake.interactionsPublicKey,
    bus,
    guard,
    waiter,
    queuePrefix: prefix,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/interactions`;
  await until(async () => requests.status === 'ready', 'the request connection');
});

afterAll(async () => {
  guard?.close();
  await app?.close();
  await waiter?.close();
  await bus?.close();
  requests?.disconnect();
  reader?.disconnect();
  await session?.close();
  await fake?.close();
  await server?.close();
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Milliseconds from the interaction's creation (its snowflake) to `at`. */
const since = (id: string, at: number) => at - Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

/** What the gateway does with an INTERACTION_CREATE (services/gateway relay-interaction.ts). */
async function relay(
  payload: unknown,
): Promise<{ interaction: DiscordInteraction; published: boolean; error?: unknown }> {
  const interaction = discordInteraction.parse(payload);
  const receivedAt = Date.now();
  let published = true;
  let error: unknown;
  try {
    await publishInteraction({ bus }, payload, 'gateway', receivedAt);
  } catch (err) {
    published = false;
    error = err;
  }
  guard.watch(interaction, { receivedAt, published });
  return { interaction, published, error };
}

const busyAnswer = { type: 4, data: { content: BUSY_MESSAGE, flags: 64 } };
const callbacksOf = (id: string) => fake.callbacks.filter((c) => c.interactionId === id);

describe('Redis down: every interaction is answered within 3 s', () => {
  let throughGateway: string;
  let throughHttp: string;

  it('gateway: publishing fails at once and the guard answers "busy" through REST', async () => {
    await server.stop();
    const handle = fake.injectInteraction({ data: { name: 'help' } });
    const started = Date.now();
    const { published, error } = await relay(handle.payload);
    expect(published).toBe(false);
    expect(error).toBeInstanceOf(BusUnavailableError);
    expect(Date.now() - started).toBeLessThan(300);

    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject(busyAnswer);
    expect(since(handle.id, callback.at)).toBeLessThan(1000);
    throughGateway = handle.id;
  });

  it('HTTP: the held response is the "busy" answer', async () => {
    const started = Date.now();
    const sent = await fake.sendHttpInteraction(url, { data: { name: 'help' } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent).toMatchObject({ status: 200, body: busyAnswer, callbackStatus: 204 });
    throughHttp = sent.id;
  });

  it('Redis back: a new interaction is published again; the ones answered "busy" are not answered again', async () => {
    await server.start();
    await until(async () => requests.status === 'ready', 'the request connection to reconnect');
    const handle = fake.injectInteraction({ data: { name: 'help' } });
    await until(async () => (await relay(handle.payload)).published, 'publishing to work again');
    expect(await bus.queue('interactions').getJob(`interaction-${handle.id}`)).toBeDefined();
    // Nobody takes it here: the guard defers in time and then says busy, with Redis deciding again.
    expect((await handle.waitForCallback()).type).toBe(5);
    await handle.waitForMessages(1);

    for (const id of [throughGateway, throughHttp]) {
      expect(await bus.queue('interactions').getJob(`interaction-${id}`)).toBeUndefined();
      expect(callbacksOf(id)).toHaveLength(1);
    }
    expect(fake.violations).toEqual([]);
  });

  it('Redis lost with an interaction in flight: deferred in time, then exactly one busy reply once Redis decides', async () => {
    const handle = fake.injectInteraction({ data: { name: 'help' } });
    const { published } = await relay(handle.payload);
    expect(published).toBe(true);
    await server.stop();

    const deferral = await handle.waitForCallback();
    expect(deferral).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(since(handle.id, deferral.at)).toBeLessThan(3000);
    // Past the busy deadline with Redis away: no busy reply yet (the guard cannot tell whether
    // the interactions service took the job), so nothing is overwritten.
    await new Promise((ok) => setTimeout(ok, BUSY_AFTER_MS + 400));
    expect(handle.messages().filter((m) => m.content === BUSY_MESSAGE)).toEqual([]);

    await server.start();
    const [message] = await handle.waitForMessages(1);
    expect(message).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });
    expect(await reader.get(interactionKeys(prefix, handle.id).handled)).toBe('abandoned');
    expect(callbacksOf(handle.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.includes(handle.token)).map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });
});
