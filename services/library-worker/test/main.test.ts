import { fileURLToPath } from 'node:url';
import { createBus, createMeta } from '@autoalex/contracts';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { bootService, freePort } from '@autoalex/runtime/testing';
import { createFakeLibrary, startFakePlex, startFakeTautulli, testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household } from './household.ts';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let database: TestDatabase;
let synced: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  synced = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  await synced?.drop();
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

  it('with Plex and Tautulli: syncs at start, shows it in /healthz, and syncs again on a library job', async () => {
    const library = createFakeLibrary(household());
    const plex = await startFakePlex(library);
    const tautulli = await startFakeTautulli(library);
    const prefix = testQueuePrefix();
    const port = await freePort();
    const { service } = await bootService(
      entry,
      {
        DATABASE_URL: synced.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: prefix,
        LIBRARY_WORKER_PORT: String(port),
        PLEX_URL: plex.url,
        PLEX_TOKEN: plex.token,
        TAUTULLI_URL: tautulli.url,
        TAUTULLI_API_KEY: tautulli.apiKey,
      },
      port,
    );
    const bus = createBus({ connection: testRedisUrl(), prefix });
    try {
      const finished = (mode: string) => (line: Record<string, unknown>) =>
        line.msg === 'library sync finished' && line.sync === mode;
      await service.waitForLog(finished('full'));
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        checks: Record<string, { status: string; detail: string }>;
      };
      expect(health.checks['library-sync']?.status).toBe('ok');
      expect(health.checks['library-sync']?.detail).toContain('4 artists, 5 albums, 14 tracks, 12 plays');
      expect(service.logs.some((l) => l.msg === 'plex tracks listed' && l.tracks === 14)).toBe(true);

      library.addPlay({ user: 1003, track: 5241, at: new Date() });
      await bus.enqueue('library', 'sync-incremental', { meta: createMeta() });
      await service.waitForLog(
        (line) => finished('incremental')(line) && (line.counts as { plays?: number })?.plays === 13,
      );
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await bus.close();
      if (service.child.exitCode === null) await service.stop('SIGKILL');
      await plex.close();
      await tautulli.close();
    }
  });
});
