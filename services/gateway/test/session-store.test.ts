import { silentLogger } from '@autoalex/contracts';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore, sessionKey } from '../src/session-store.ts';

const prefix = testQueuePrefix();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
});
afterAll(() => redis?.quit());

const session = (shardId: number, sequence: number, sessionId = `s${shardId}`) => ({
  shardId,
  shardCount: 2,
  sequence,
  sessionId,
  resumeURL: 'wss://resume.example',
});

const stored = async (shardId: number) => JSON.parse((await redis.get(sessionKey(prefix, shardId))) ?? 'null');

describe('gateway session store', () => {
  it('writes a new session at once and sequence changes on flush, and a new process loads them', async () => {
    const store = createSessionStore({ redis, prefix, logger: silentLogger, flushMs: 60_000 });
    store.update(0, session(0, 1));
    await store.flush();
    expect(await stored(0)).toEqual(session(0, 1));
    store.update(0, session(0, 42));
    expect(store.retrieve(0)).toEqual(session(0, 42));
    expect((await stored(0)).sequence).toBe(1); // coalesced until the flush
    await store.flush();
    expect((await stored(0)).sequence).toBe(42);
    expect(await redis.pttl(sessionKey(prefix, 0))).toBeGreaterThan(14 * 60_000);

    const next = createSessionStore({ redis, prefix, logger: silentLogger });
    expect(next.retrieve(0)).toBeNull();
    await next.load([0, 1]);
    expect(next.retrieve(0)).toEqual(session(0, 42));
    expect(next.retrieve(1)).toBeNull();
  });

  it('deletes an invalidated session, and keeps the stored one once frozen for shutdown', async () => {
    const store = createSessionStore({ redis, prefix, logger: silentLogger, flushMs: 60_000 });
    store.update(1, session(1, 5));
    store.update(1, null);
    await store.flush();
    expect(await stored(1)).toBeNull();

    store.update(1, session(1, 7));
    store.update(1, session(1, 9));
    await store.freeze();
    // What @discordjs/ws reports while the socket closes must not wipe the stored session.
    store.update(1, null);
    await store.flush();
    expect(await stored(1)).toEqual(session(1, 9));
  });

  it('ignores stored values that are not sessions of that shard', async () => {
    await redis.set(sessionKey(prefix, 5), 'not json');
    await redis.set(sessionKey(prefix, 6), JSON.stringify(session(7, 1)));
    await redis.set(sessionKey(prefix, 8), JSON.stringify({ shardId: 8 }));
    const store = createSessionStore({ redis, prefix, logger: silentLogger });
    await store.load([5, 6, 8]);
    expect([store.retrieve(5), store.retrieve(6), store.retrieve(8)]).toEqual([null, null, null]);
  });
});
