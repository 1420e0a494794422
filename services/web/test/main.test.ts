import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { suiteHealthSchema } from '@autoalex/runtime';
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

describe('web process', () => {
  it('serves /healthz and /api/health (seeing its own heartbeat) and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { service, status, health } = await bootService(
      entry,
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: testQueuePrefix(),
        WEB_PORT: String(port),
      },
      port,
    );
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'web',
      status: 'ok',
      checks: {
        redis: { status: 'ok' },
        postgres: { status: 'ok' },
        login: {
          status: 'disabled',
          detail:
            'DISCORD_APPLICATION_ID, DISCORD_CLIENT_SECRET, SESSION_SECRET, ENCRYPTION_KEY are not set: Discord login to the dashboard is disabled; set them in .env',
        },
      },
    });
    const suite = suiteHealthSchema.parse(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json());
    expect(suite.services.web).toMatchObject({ status: 'ok', instances: 1 });
    expect(suite.services.gateway).toMatchObject({ status: 'down', instances: 0 });
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
