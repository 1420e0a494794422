import { once } from 'node:events';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatKey } from '../src/heartbeat.ts';
import { connectInfrastructure, type InfrastructureConfig, startOps } from '../src/infrastructure.ts';
import { testContext } from './helpers.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database?.drop();
});

describe('connectInfrastructure and startOps', () => {
  it('connect Redis and Postgres under the service name, check both, serve, beat, and close it all on shutdown', async () => {
    const { ctx: runtime, shutdown, logs } = testContext('library-worker', 'box-3');
    const config: InfrastructureConfig = {
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: testQueuePrefix(),
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: 2,
    };
    const ctx = { ...runtime, config };

    const { redis, pg } = connectInfrastructure(ctx, { postgres: true });
    expect(await redis.client('GETNAME')).toBe(`${config.QUEUE_PREFIX}:library-worker`);
    const [row] = await pg.sql`select current_setting('application_name') as name`;
    expect(row?.name).toBe('autoalex-library-worker');

    const { server, heartbeat } = await startOps(ctx, { port: 0, redis });
    expect(heartbeat.key).toBe(heartbeatKey(config.QUEUE_PREFIX, 'library-worker', 'box-3'));
    expect(await redis.exists(heartbeat.key)).toBe(1);
    const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      service: 'library-worker',
      status: 'ok',
      checks: { redis: { status: 'ok' }, postgres: { status: 'ok', detail: 'select 1 answered' } },
    });

    expect(await shutdown.run('test')).toBe(true);
    // Reverse order: heartbeat (key deleted while Redis is still open), server, Postgres, Redis.
    expect(logs().flatMap((line) => (line.msg === 'shutdown: done' ? [line.hook] : []))).toEqual([
      'heartbeat',
      'http server',
      'postgres',
      'redis',
    ]);
    if (redis.status !== 'end') await once(redis, 'end'); // QUIT answered; the socket closes next
    await expect(pg.sql`select 1`).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });

  it('connects only Redis unless the service says it uses Postgres', async () => {
    const { ctx: runtime, shutdown, logs } = testContext('gateway', 'box-4');
    const ctx = { ...runtime, config: { REDIS_URL: testRedisUrl(), QUEUE_PREFIX: testQueuePrefix() } };

    const connected = connectInfrastructure(ctx);
    expect(connected).not.toHaveProperty('pg');
    const report = await ctx.health.report();
    expect(Object.keys(report.checks)).toEqual(['redis']);

    expect(await shutdown.run('test')).toBe(true);
    expect(logs().flatMap((line) => (line.msg === 'shutdown: done' ? [line.hook] : []))).toEqual(['redis']);
  });
});
