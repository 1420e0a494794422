import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatKey, readHeartbeats, startHeartbeat } from '../src/heartbeat.ts';
import { closeRedis, createRedis, type Redis } from '../src/redis.ts';
import { testContext } from './helpers.ts';

let redis: Redis;
const prefix = testQueuePrefix();

beforeAll(async () => {
  const { ctx } = testContext();
  redis = createRedis(testRedisUrl(), { logger: ctx.logger });
  await redis.ping();
});
afterAll(async () => {
  await closeRedis(redis);
});

describe('heartbeat', () => {
  it('writes the health report with a TTL, is readable by others and is removed on shutdown', async () => {
    const { ctx, shutdown, logs } = testContext('player', 'box-7');
    ctx.health.register('redis', async () => ({ status: 'ok', detail: 'PING answered' }));
    ctx.health.disabled('discord', 'DISCORD_TOKEN is not set');
    const handle = await startHeartbeat(ctx, { redis, queuePrefix: prefix });

    expect(handle.key).toBe(heartbeatKey(prefix, 'player', 'box-7'));
    expect(handle.key).toBe(`${prefix}:health:player:box-7`);
    const ttl = await redis.ttl(handle.key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15);
    expect(logs().some((line) => line.msg === 'heartbeat: first beat written')).toBe(true);

    const { heartbeats, invalid } = await readHeartbeats(redis, prefix);
    expect(invalid).toEqual([]);
    expect(heartbeats).toHaveLength(1);
    expect(heartbeats[0]).toMatchObject({
      service: 'player',
      instance: 'box-7',
      status: 'ok',
      checks: { redis: { status: 'ok' }, discord: { status: 'disabled', detail: 'DISCORD_TOKEN is not set' } },
    });
    expect(Date.parse(heartbeats[0]!.updatedAt)).not.toBeNaN();

    expect(await shutdown.run('test')).toBe(true);
    expect(await redis.exists(handle.key)).toBe(0);
  });

  it('skips keys under the prefix that are not heartbeats', async () => {
    const other = testQueuePrefix();
    await redis.set(`${other}:health:gateway:x`, 'not json', 'EX', 15);
    await redis.set(`${other}:health:gateway:y`, JSON.stringify({ service: 'gateway' }), 'EX', 15);
    const { ctx, shutdown } = testContext('gateway', 'z');
    await startHeartbeat(ctx, { redis, queuePrefix: other });
    const read = await readHeartbeats(redis, other);
    expect(read.heartbeats.map((beat) => beat.instance)).toEqual(['z']);
    expect(read.invalid.sort()).toEqual([`${other}:health:gateway:x`, `${other}:health:gateway:y`]);
    await shutdown.run('test');
  });
});
