import type { AddressInfo } from 'node:net';
import { BusUnavailableError, createBus, runWorker } from '@autoalex/contracts';
import {
  type FakeDiscord,
  generateInteractionKeys,
  signedInteractionHeaders,
  startFakeDiscord,
} from '@autoalex/discord/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSY_MESSAGE,
  createDeadlineGuard,
  createListWaiter,
  createRestResponder,
  type DeadlineGuard,
  type HttpInteractionsOptions,
  httpInteractions,
  interactionKeys,
  type ListWaiter,
  pushHttpResponse,
  redisClaims,
} from '../src/index.ts';

// POST /interactions through fastify inject and through the fake Discord's signed requests, with
// real Redis (bus, claims, the response list) and the fake's REST for the guard's busy edit.

const prefix = testQueuePrefix();
let redis: Redis;
let fake: FakeDiscord;
let bus: ReturnType<typeof createBus>;
let guard: DeadlineGuard;
let waiter: ListWaiter;
let app: FastifyInstance;
let worker: ReturnType<typeof runWorker<'interactions'>>;
/** Interaction id (or `command:<name>`) → the initial response the stand-in interactions service pushes. */
const answers = new Map<string, unknown>();
const appId = '1200000000000000001';
let nextId = 1_300_000_000_000_000_000n;

async function buildApp(options: Partial<HttpInteractionsOptions> = {}): Promise<FastifyInstance> {
  const instance = Fastify();
  await instance.register(httpInteractions, {
    publicKey: fake.interactionsPublicKey,
    bus,
    guard,
    waiter,
    queuePrefix: prefix,
    ...options,
  });
  await instance.ready();
  return instance;
}

beforeAll(async () => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  fake = await startFakeDiscord();
  bus = createBus({ connection: testRedisUrl(), prefix });
  guard = createDeadlineGuard({
    claims: redisClaims(redis, prefix),
    responder: createRestResponder({ apiUrl: fake.restOptions.api }),
    deferAfterMs: 1000,
    busyAfterMs: 1600,
  });
  waiter = createListWaiter({ blocking: redis.duplicate(), control: redis, prefix });
  app = await buildApp();
  // Stands in for the interactions service: claims the interaction and pushes its answer (ADR 0002).
  worker = runWorker({
    queue: 'interactions',
    connection: testRedisUrl(),
    prefix,
    handlers: {
      interaction: async ({ interaction }) => {
        const name = (interaction.data as { name?: string } | undefined)?.name;
        const answer = answers.get(interaction.id) ?? answers.get(`command:${name}`);
        if (!answer) return;
        const keys = interactionKeys(prefix, interaction.id);
        expect(await redis.set(keys.handled, 'interactions', 'PX', 900_000, 'NX')).toBe('OK');
        expect(await redis.set(keys.ack, 'interactions', 'PX', 900_000, 'NX')).toBe('OK');
        await pushHttpResponse(redis, prefix, interaction.id, answer as { type: number });
      },
    },
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.close();
  await app?.close();
  guard?.close();
  await waiter?.close();
  await bus?.close();
  await fake?.close();
  await redis?.quit();
});

function interaction(extra: Record<string, unknown> = {}) {
  nextId += 1n;
  return {
    id: String(nextId),
    application_id: appId,
    type: 2,
    token: `token-${nextId}`,
    version: 1,
    data: { id: '1400000000000000001', name: 'help', type: 1 },
    guild_id: '1500000000000000001',
    member: { user: { id: '1600000000000000001', username: 'listener' } },
    locale: 'en-US',
    ...extra,
  };
}

function post(body: string, headers: Record<string, string>, target: FastifyInstance = app) {
  return target.inject({ method: 'POST', url: '/interactions', payload: body, headers });
}

describe('POST /interactions: signature', () => {
  const keys = generateInteractionKeys();
  let keyed: FastifyInstance;
  beforeAll(async () => {
    keyed = await buildApp({ publicKey: keys.publicKey });
  });
  afterAll(() => keyed?.close());

  it('answers PING with PONG and publishes nothing', async () => {
    const body = JSON.stringify({ id: '1300000000000000000', application_id: appId, type: 1, token: 't', version: 1 });
    const res = await post(body, signedInteractionHeaders(keys.privateKey, body), keyed);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 1 });
    expect(await bus.queue('interactions').getJob('interaction-1300000000000000000')).toBeUndefined();
  });

  it('refuses missing headers, a foreign key, a changed body and a malformed signature with 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const headers = signedInteractionHeaders(keys.privateKey, body);
    const { 'x-signature-ed25519': signature, ...noSignature } = headers;
    const { 'x-signature-timestamp': _t, ...noTimestamp } = headers;
    const foreign = signedInteractionHeaders(generateInteractionKeys().privateKey, body);
    for (const [sent, sentHeaders] of [
      [body, noSignature],
      [body, noTimestamp],
      [body, foreign],
      [JSON.stringify({ type: 1, x: 1 }), headers],
      [body, { ...headers, 'x-signature-ed25519': `${signature}`.slice(2) }],
      [body, { ...headers, 'x-signature-ed25519': 'zz'.repeat(64) }],
      [body, { ...headers, 'x-signature-timestamp': 'now' }],
    ] as const) {
      const res = await post(sent, sentHeaders as Record<string, string>, keyed);
      expect(res.statusCode, JSON.stringify(sentHeaders)).toBe(401);
      expect(res.json()).toHaveProperty('error');
    }
  });

  it('refuses a correctly signed request whose timestamp is more than 5 minutes off', async () => {
    const body = JSON.stringify({ type: 1 });
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 301, now + 301]) {
      const res = await post(body, signedInteractionHeaders(keys.privateKey, body, timestamp), keyed);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toContain('stale request');
    }
    const fresh = await post(body, signedInteractionHeaders(keys.privateKey, body, now - 290), keyed);
    expect(fresh.statusCode).toBe(200);
  });

  it('answers 400 to options nested 5,000 deep, before parsing, and publishes nothing (never "busy")', async () => {
    const raw = interaction();
    // Built as text: JSON.stringify itself overflows the stack on such an object.
    const deep = `${'[{"name":"g","type":1,"options":'.repeat(5000)}[]${'}]'.repeat(5000)}`;
    const body = JSON.stringify(raw).replace('"type":1}', `"type":1,"options":${deep}}`);
    expect(body.length).toBeGreaterThan(150_000);
    const watched = guard.pending;
    const res = await post(body, signedInteractionHeaders(keys.privateKey, body), keyed);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'the body is nested more than 32 levels deep' });
    expect(guard.pending).toBe(watched);
    expect(await bus.queue('interactions').getJob(`interaction-${raw.id}`)).toBeUndefined();
  });

  it('answers 400 to signed bodies that are not JSON or not an interaction', async () => {
    for (const body of ['not json', JSON.stringify({ type: 2, id: 'nope' })]) {
      const res = await post(body, signedInteractionHeaders(keys.privateKey, body), keyed);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatch(/not JSON|not a Discord interaction/);
    }
  });
});

describe('POST /interactions: publishing and the held response', () => {
  const keys = generateInteractionKeys();
  let keyed: FastifyInstance;
  beforeAll(async () => {
    keyed = await buildApp({ publicKey: keys.publicKey });
  });
  afterAll(() => keyed?.close());

  it('publishes the raw interaction and returns the initial response the interactions service pushed', async () => {
    const raw = interaction({ some_new_field: { kept: true } });
    answers.set(raw.id, { type: 4, data: { content: 'pong', flags: 64 } });
    const body = JSON.stringify(raw);
    const res = await post(body, signedInteractionHeaders(keys.privateKey, body), keyed);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 4, data: { content: 'pong', flags: 64 } });

    const job = await bus.queue('interactions').getJob(`interaction-${raw.id}`);
    expect(job?.data).toMatchObject({
      interaction: raw,
      source: 'http',
      meta: { requestedBy: '1600000000000000001', guildId: '1500000000000000001' },
    });
    expect(await redis.llen(interactionKeys(prefix, raw.id).http)).toBe(0);
  });

  it('returns the deferral when nobody pushes an answer before the deferral deadline', async () => {
    const cases = [
      [{}, { type: 5, data: { flags: 64 } }],
      [{ data: { id: '1400000000000000001', name: 'generate', type: 1 } }, { type: 5 }],
      [{ type: 3, data: { custom_id: 'player:skip', component_type: 2 } }, { type: 6 }],
      [
        { type: 4, data: { id: '1400000000000000001', name: 'generate', type: 1, options: [] } },
        { type: 8, data: { choices: [] } },
      ],
    ] as const;
    // All held at once: one blocking Redis connection serves every waiting request.
    const responses = await Promise.all(
      cases.map(([extra]) => {
        const body = JSON.stringify(interaction(extra));
        return post(body, signedInteractionHeaders(keys.privateKey, body), keyed);
      }),
    );
    expect(responses.map((r) => r.json())).toEqual(cases.map(([, expected]) => expected));
  });

  it('answers "busy" at once when the bus is down', async () => {
    const down = await buildApp({
      publicKey: keys.publicKey,
      bus: {
        enqueue: async () => {
          throw new BusUnavailableError('interactions', 'interaction', new Error('Connection is closed.'));
        },
      },
    });
    try {
      const body = JSON.stringify(interaction());
      const res = await post(body, signedInteractionHeaders(keys.privateKey, body), down);
      expect(res.json()).toEqual({
        type: 4,
        data: { content: BUSY_MESSAGE, flags: 64, allowed_mentions: { parse: [] } },
      });
    } finally {
      await down.close();
    }
  });
});

describe('POST /interactions: requests from the fake Discord', () => {
  let url: string;
  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/interactions`;
  });

  it('returns the pushed answer as the callback Discord records', async () => {
    // The fake picks the interaction id: the stand-in service answers this command by name.
    answers.set('command:status', { type: 4, data: { content: 'answered over HTTP' } });
    const result = await fake.sendHttpInteraction(url, { data: { name: 'status' } });
    expect(result).toMatchObject({ status: 200, callbackStatus: 204 });
    expect(result.messages().map((m) => m.content)).toEqual(['answered over HTTP']);
  });

  it('defers through the HTTP answer and later edits @original to the busy message through REST', async () => {
    const result = await fake.sendHttpInteraction(url, { data: { name: 'help' } });
    expect(result).toMatchObject({ status: 200, body: { type: 5, data: { flags: 64 } }, callbackStatus: 204 });
    const [message] = await result.waitForMessages(1);
    expect(message).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });
    expect(fake.violations).toEqual([]);
  });
});
