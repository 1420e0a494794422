import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListWaiter, type ListWaiter } from '../src/index.ts';

const prefix = testQueuePrefix();
let redis: Redis;
let blocking: Redis;
let waiter: ListWaiter;

beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  blocking = redis.duplicate();
  waiter = createListWaiter({ blocking, control: redis, prefix, blockSeconds: 30 });
});

afterAll(async () => {
  await waiter?.close();
  await redis?.quit();
});

const key = (n: number | string) => `${prefix}:ix:${n}:http`;

describe('list waiter', () => {
  it('serves many held waits on one blocking connection, each with its own value', async () => {
    const waits = Array.from({ length: 50 }, (_, i) => waiter.wait(key(i), 10_000));
    expect(waiter.waiting).toBe(50);
    // Added while the loop is blocked: each new key wakes it up (the block time is 30 s).
    await redis.rpush(key(49), 'v49');
    expect(await waits[49]).toBe('v49');
    await Promise.all(Array.from({ length: 49 }, (_, i) => redis.rpush(key(i), `v${i}`)));
    expect(await Promise.all(waits)).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
    expect(waiter.waiting).toBe(0);
  });

  it('returns a value pushed before the wait began', async () => {
    await redis.rpush(key('early'), 'already there');
    expect(await waiter.wait(key('early'), 5000)).toBe('already there');
  });

  it('resolves undefined on timeout and on abort, and forgets the key', async () => {
    expect(await waiter.wait(key('slow'), 50)).toBeUndefined();
    const controller = new AbortController();
    const aborted = waiter.wait(key('aborted'), 10_000, controller.signal);
    controller.abort();
    expect(await aborted).toBeUndefined();
    expect(waiter.waiting).toBe(0);
  });

  it('gives a value to every wait on the same key', async () => {
    const a = waiter.wait(key('shared'), 5000);
    const b = waiter.wait(key('shared'), 5000);
    await redis.rpush(key('shared'), 'both');
    expect(await Promise.all([a, b])).toEqual(['both', 'both']);
  });

  it('resolves the waits still held when closed', async () => {
    const local = createListWaiter({ blocking: redis.duplicate(), control: redis, prefix, blockSeconds: 30 });
    const held = local.wait(key('closing'), 10_000);
    await local.close();
    expect(await held).toBeUndefined();
    expect(await local.wait(key('after'), 10_000)).toBeUndefined();
  });
});
