import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekRemixAllowance, remixLimitKeys } from '../src/remix-limits.ts';

// The remix-worker's limit keys read on real Redis, written the way the worker writes them
// (createRemixLimiter): active claims scored by expiry, day sets by UTC date.

const prefix = testQueuePrefix();
let redis: Redis;
const limits = { activePerUser: 1, perDay: 2 };
const now = Date.parse('2026-11-21T23:30:00.000Z');

beforeAll(() => {
  redis = new Redis(testRedisUrl());
});
afterAll(() => redis?.disconnect());

describe('peekRemixAllowance', () => {
  it('names the keys as the worker does', () => {
    expect(remixLimitKeys('aa', '1300000000000000004', now)).toEqual({
      active: 'aa:remix:active:1300000000000000004',
      day: 'aa:remix:day:1300000000000000004:2026-11-21',
    });
  });

  it('allows, then refuses while a claim is live, ignores expired claims, and counts the UTC day', async () => {
    const user = '1300000000000000101';
    const keys = remixLimitKeys(prefix, user, now);
    expect(await peekRemixAllowance(redis, prefix, limits, user, now)).toEqual({ ok: true });

    await redis.zadd(keys.active, String(now - 1), 'job-expired');
    expect(await peekRemixAllowance(redis, prefix, limits, user, now)).toEqual({ ok: true });
    await redis.zadd(keys.active, String(now + 60_000), 'job-running');
    expect(await peekRemixAllowance(redis, prefix, limits, user, now)).toEqual({
      ok: false,
      reason: 'active',
      limit: 1,
    });

    await redis.sadd(keys.day, 'c1', 'c2');
    expect(await peekRemixAllowance(redis, prefix, limits, user, now)).toEqual({
      ok: false,
      reason: 'daily',
      limit: 2,
    });
    // Past midnight UTC a new day starts (and the claim has expired by then).
    expect(await peekRemixAllowance(redis, prefix, limits, user, now + 3_600_000)).toEqual({ ok: true });
    // Peeking takes nothing.
    expect(await redis.scard(keys.day)).toBe(2);
    await redis.del(keys.active, keys.day);
  });
});
