import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { bootService, freePort } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database?.drop();
});

describe('remix-worker process', () => {
  it('starts healthy with Redis and Postgres checks and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { service, status, health } = await bootService(
      entry,
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: testQueuePrefix(),
        REMIX_WORKER_PORT: String(port),
      },
      port,
    );
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'remix-worker',
      status: 'ok',
      checks: { redis: { status: 'ok' }, postgres: { status: 'ok' } },
    });
    expect(service.logs.filter((line) => /remixing has not landed yet/.test(line.msg ?? ''))).toHaveLength(1);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
