import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemixLimiter, remixLimitKeys } from '../src/remix-limits.ts';

// Per-user fairness on a real Redis.

let redis: Redis;
const prefix = testQueuePrefix();
beforeAll(() => {
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis?.quit();
});

const job = (n: number, user = 'u1') => ({ userId: user, jobId: `job-${n}`, correlationId: `corr-${n}` });

describe('createRemixLimiter', () => {
  it('lets one remix run per user; a retry of the same job is not a second one', async () => {
    const limiter = createRemixLimiter(redis, `${prefix}a`, { activePerUser: 1, perDay: 10 });
    expect(await limiter.take(job(1))).toEqual({ ok: true });
    expect(await limiter.take(job(1))).toEqual({ ok: true });
    expect(await limiter.take(job(2))).toEqual({ ok: false, reason: 'active', limit: 1 });
    expect(await limiter.take(job(3, 'u2'))).toEqual({ ok: true });
    await limiter.release(job(1));
    expect(await limiter.take(job(2))).toEqual({ ok: true });
  });

  it('counts remixes per UTC day; refunds give one back; another day starts afresh', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    const limiter = createRemixLimiter(redis, `${prefix}b`, { activePerUser: 5, perDay: 2 }, () => now);
    expect(await limiter.take(job(1))).toEqual({ ok: true });
    expect(await limiter.take(job(2))).toEqual({ ok: true });
    expect(await limiter.take(job(3))).toEqual({ ok: false, reason: 'daily', limit: 2 });
    // A refused take holds no slot and counts nothing.
    expect(await redis.zcard(remixLimitKeys(`${prefix}b`, 'u1', now).active)).toBe(2);
    await limiter.release(job(2), { refund: true });
    expect(await limiter.take(job(3))).toEqual({ ok: true });
    await limiter.release(job(1));
    await limiter.release(job(3));
    expect(await limiter.take(job(4))).toEqual({ ok: false, reason: 'daily', limit: 2 });
    now = Date.parse('2026-11-22T00:00:01Z');
    expect(await limiter.take(job(4))).toEqual({ ok: true });
    expect(await redis.ttl(remixLimitKeys(`${prefix}b`, 'u1', now).day)).toBeGreaterThan(24 * 3600);
  });

  it('frees the slot of a job whose worker died, once its claim expires', async () => {
    let now = 1_800_000_000_000;
    const limiter = createRemixLimiter(
      redis,
      `${prefix}c`,
      { activePerUser: 1, perDay: 10, claimTtlMs: 60_000 },
      () => now,
    );
    expect(await limiter.take(job(1))).toEqual({ ok: true });
    now += 30_000;
    await limiter.renew(job(1));
    now += 50_000;
    expect(await limiter.take(job(2))).toMatchObject({ ok: false, reason: 'active' });
    now += 20_000;
    expect(await limiter.take(job(2))).toEqual({ ok: true });
  });

  it('frees the slot and refunds the day from another process, even after midnight', async () => {
    let now = Date.parse('2026-11-21T23:59:00Z');
    const p = `${prefix}d`;
    const worker = createRemixLimiter(redis, p, { activePerUser: 1, perDay: 1 }, () => now);
    expect(await worker.take(job(1))).toEqual({ ok: true });
    // The job is given up after its workers died; a replica that never counted it handles its end.
    now = Date.parse('2026-11-22T00:01:00Z');
    const replica = createRemixLimiter(redis, p, { activePerUser: 1, perDay: 1 }, () => now);
    await replica.release(job(1), { refund: true });
    await replica.release(job(1), { refund: true });
    expect(await redis.zcard(remixLimitKeys(p, 'u1', now).active)).toBe(0);
    expect(await redis.scard(remixLimitKeys(p, 'u1', Date.parse('2026-11-21T12:00:00Z')).day)).toBe(0);
    now = Date.parse('2026-11-21T23:59:30Z');
    expect(await worker.take(job(2))).toEqual({ ok: true });
  });
});
