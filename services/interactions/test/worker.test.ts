import { randomUUID } from 'node:crypto';
import { type Bus, consoleStreamKey, createBus, createMeta, type RunningWorker, runWorker } from '@autoalex/contracts';
import { createDb, type DbClient } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type ConsoleEntry, createDiscordRest, readConsoleEntry } from '@autoalex/discord';
import { createLogger, createRedis, heartbeatKey, type Redis } from '@autoalex/runtime';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInteraction } from '../src/dispatch/handle-interaction.ts';
import { createServiceDeps } from '../src/service-deps.ts';

// The interactions worker in-process against real Redis, driven as bin/alex drives it: console
// interactions on the `interactions` queue, answers read from the session's stream.

const prefix = testQueuePrefix();
const logger = createLogger({ service: 'interactions-test', level: 'silent' });
let redis: Redis;
let reader: Redis;
let bus: Bus;
let worker: RunningWorker;
let database: TestDatabase;
let pg: DbClient;

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), { logger });
  reader = createRedis(testRedisUrl(), { logger });
  bus = createBus({ connection: testRedisUrl(), prefix });
  database = await createTestDatabase();
  pg = createDb(database.url);
  const deps = createServiceDeps({
    redis,
    queuePrefix: prefix,
    rest: createDiscordRest({ api: 'http://127.0.0.1:9/api' }),
    db: pg.db,
    bus,
    instance: 'test-1',
    limits: { windowMs: 60_000, perUser: 5, perGuild: 100 },
    listenedThreshold: 50,
    remixLimits: { activePerUser: 1, perDay: 20 },
    logger,
  });
  worker = runWorker({
    queue: 'interactions',
    connection: testRedisUrl(),
    prefix,
    logger,
    handlers: { interaction: (payload, job) => handleInteraction(deps, payload, job.log) },
  });
  await worker.ready;
  // A heartbeat for /status to find.
  await redis.set(
    heartbeatKey(prefix, 'interactions', 'test-1'),
    JSON.stringify({
      service: 'interactions',
      instance: 'test-1',
      status: 'ok',
      uptimeSeconds: 3,
      checks: { redis: { status: 'ok', latencyMs: 1, detail: 'PING answered' } },
      updatedAt: new Date().toISOString(),
    }),
    'EX',
    60,
  );
});

afterAll(async () => {
  await worker?.close();
  await bus?.close();
  await pg?.close();
  await database?.drop();
  redis?.disconnect();
  reader?.disconnect();
});

let n = 0;
function nextId(): string {
  n += 1;
  return String(1_310_000_000_000_000_000n + BigInt(n));
}

/** Enqueues a console interaction and reads its stream until the final marker. */
async function send(
  interaction: Record<string, unknown>,
  user = nextId(), // a user of its own, so only the rate-limit test meets the limit
): Promise<{ messages: ConsoleEntry[]; outcome: string }> {
  const sessionId = randomUUID();
  await bus.enqueue('interactions', 'interaction', {
    interaction: {
      id: nextId(),
      application_id: '1300000000000000001',
      type: 2,
      token: sessionId,
      version: 1,
      guild_id: '1300000000000000002',
      channel_id: '1300000000000000003',
      member: { user: { id: user, username: 'alex-console' }, permissions: '8', roles: [] },
      ...interaction,
    },
    receivedAt: Date.now(),
    source: 'console',
    meta: createMeta({ requestedBy: user }),
  });
  const key = consoleStreamKey(prefix, sessionId);
  const messages: ConsoleEntry[] = [];
  let last = '0-0';
  for (;;) {
    const read = (await reader.xread('BLOCK', 10_000, 'STREAMS', key, last)) as [string, [string, string[]][]][] | null;
    if (read === null) throw new Error(`no answer on ${key} within 10 s; got ${JSON.stringify(messages)}`);
    for (const [, entries] of read) {
      for (const [id, fields] of entries) {
        last = id;
        const entry = readConsoleEntry(fields);
        if (entry.type === 'final') return { messages, outcome: entry.final.outcome };
        messages.push(entry);
      }
    }
  }
}

function command(name: string, options?: unknown[]) {
  return { type: 2 as const, data: { id: '1300000000000000009', name, type: 1, ...(options ? { options } : {}) } };
}

function data(entry: ConsoleEntry | undefined): Record<string, unknown> {
  if (entry?.type !== 'message') throw new Error(`not a message: ${JSON.stringify(entry)}`);
  return (entry.message.body.data ?? entry.message.body) as Record<string, unknown>;
}

describe('interactions worker with a console reply target', () => {
  it('/status: the suite from the heartbeats, with a Details button that works', async () => {
    const { messages, outcome } = await send(command('status'));
    expect(outcome).toBe('ok');
    expect(messages).toHaveLength(1);
    const body = data(messages[0]);
    const embed = (body.embeds as { title: string; description: string }[])[0]!;
    expect(embed.title).toBe('Autoalex: something is down');
    expect(embed.description).toContain('✅ **interactions** · ok, 1 replica');
    expect(embed.description).toContain('❌ **web** · down, not running');
    const customId = (body.components as { components: { custom_id: string }[] }[])[0]!.components[0]!.custom_id;

    const click = await send({ type: 3, data: { component_type: 2, custom_id: customId } });
    expect(click.outcome).toBe('ok');
    const details = data(click.messages[0]);
    expect(details.flags).toBe(64);
    expect((details.embeds as { fields: { name: string }[] }[])[0]!.fields.map((f) => f.name)).toContain(
      '✅ interactions',
    );
  });

  it('/help: the catalogue, ephemeral', async () => {
    const { messages, outcome } = await send(command('help'));
    expect(outcome).toBe('ok');
    const body = data(messages[0]);
    expect(body.flags).toBe(64);
    expect(body.content).toMatch(
      /^Available now: \/usage, \/completion, \/compare, \/boost, \/reduce, \/status, \/help\./,
    );
    expect((body.embeds as unknown[]).length).toBe(3);
  });

  it('a command whose capability has not landed says so, and the outcome is an error', async () => {
    const { messages, outcome } = await send(command('generate', [{ name: 'prompt', type: 3, value: 'a song' }]));
    expect(outcome).toBe('error');
    expect(data(messages[0])).toMatchObject({
      content: '/generate is not available yet — AI song generation arrives in a later release.',
      flags: 64,
    });
  });

  it('a bad option gets the message of parseOptions', async () => {
    const { messages, outcome } = await send(command('help', [{ name: 'command', type: 3, value: 'x'.repeat(40) }]));
    expect(outcome).toBe('error');
    expect(data(messages[0]).content).toBe('/help: command is longer than 32 characters.');
  });

  it('a garbage custom_id, and a stale one, have expired', async () => {
    const garbage = await send({ type: 3, data: { component_type: 2, custom_id: '<script>' } });
    expect(data(garbage.messages[0]).content).toBe('This button has expired — run the command again.');
    const stale = await send({ type: 3, data: { component_type: 2, custom_id: 'status:neverSaved' } });
    expect(data(stale.messages[0]).content).toBe('This button has expired — run /status again.');
    expect(stale.outcome).toBe('error');
  });

  it('rate-limits one user past the limit, and not another', async () => {
    const user = '1300000000000000077';
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await send(command('help'), user)).outcome);
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const sixth = await send(command('help'), user);
    expect(sixth.outcome).toBe('error');
    expect(String(data(sixth.messages[0]).content)).toMatch(
      /^You are going a little fast — wait \d+ s and try again\.$/,
    );
    expect((await send(command('help'), '1300000000000000078')).outcome).toBe('ok');
  });

  it('drops an interaction the deadline guard abandoned', async () => {
    const id = nextId();
    await redis.set(`${prefix}:ix:${id}:handled`, 'abandoned', 'PX', 60_000);
    const sessionId = randomUUID();
    const finished = new Promise<unknown>((resolve) => {
      const onCompleted = (job: { id?: string; returnvalue: unknown }) => {
        if (job.id !== `interaction-${id}`) return;
        worker.worker.off('completed', onCompleted);
        resolve(job.returnvalue);
      };
      worker.worker.on('completed', onCompleted);
    });
    await bus.enqueue('interactions', 'interaction', {
      interaction: {
        id,
        application_id: '1300000000000000001',
        token: sessionId,
        version: 1,
        ...command('help'),
      },
      receivedAt: Date.now(),
      source: 'console',
      meta: createMeta(),
    });
    expect(await finished).toBe('dropped');
    expect(await redis.exists(consoleStreamKey(prefix, sessionId))).toBe(0);
  });
});
