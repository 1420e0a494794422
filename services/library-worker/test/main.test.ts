import { createBus, createMeta } from '@autoalex/contracts';
import { createFakeLibrary, householdLibrary, startFakePlex } from '@autoalex/plex/testing';
import { useServiceProcess } from '@autoalex/runtime/testing';
import { startFakeTautulli } from '@autoalex/tautulli/testing';
import { testRedisUrl } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';

// Migrated: the sync writes the library (the first test never touches the database).
const libraryWorker = useServiceProcess(new URL('../src/main.ts', import.meta.url), {
  portVariable: 'LIBRARY_WORKER_PORT',
  migrate: true,
});

describe('library-worker process', () => {
  it('without Plex and Tautulli: healthy, both reported disabled with how to enable them', async () => {
    const { service, status, health } = await libraryWorker.boot({ PLEX_URL: 'http://plex.invalid:32400' });
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
    const library = createFakeLibrary(householdLibrary());
    const plex = await startFakePlex(library);
    const tautulli = await startFakeTautulli(library);
    const { service, prefix, port } = await libraryWorker.boot({
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      TAUTULLI_URL: tautulli.url,
      TAUTULLI_API_KEY: tautulli.apiKey,
    });
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
      await plex.close();
      await tautulli.close();
    }
  });
});
