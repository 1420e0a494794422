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

describe('library-worker process', () => {
  it('without Plex and Tautulli: healthy, both reported disabled with how to enable them', async () => {
    const port = await freePort();
    const { service, status, health } = await bootService(
      entry,
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: testQueuePrefix(),
        LIBRARY_WORKER_PORT: String(port),
        PLEX_URL: 'http://plex.invalid:32400',
      },
      port,
    );
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'library-worker',
      status: 'ok',
      checks: {
        redis: { status: 'ok' },
        postgres: { status: 'ok' },
        plex: {
          status: 'disabled',
          detail: 'PLEX_TOKEN is not set: Plex library features are disabled; set it in .env',
        },
        tautulli: {
          status: 'disabled',
          detail:
            'TAUTULLI_URL is not set: listening stats are disabled; set TAUTULLI_URL and TAUTULLI_API_KEY in .env',
        },
      },
    });
    expect(await service.stop()).toEqual({ code: 0, signal: null });
  });
});
