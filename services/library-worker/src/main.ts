// library-worker: Plex/Tautulli sync, jazz credits and playlist sync on the library queue. This file only wires.
import { createBus, runWorker } from '@autoalex/contracts';
import { createPlexClient, type PlexClient } from '@autoalex/plex';
import {
  connectInfrastructure,
  plexCheck,
  reportDisabled,
  runService,
  startOps,
  tautulliCheck,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { createTautulliClient, type TautulliClient } from '@autoalex/tautulli';
import { configShape } from './config.ts';
import { libraryHandlers } from './jobs.ts';
import { scheduleSyncs } from './schedule.ts';
import { createSyncTracker } from './sync/tracker.ts';
import { librarySyncCheck } from './sync-health.ts';

await runService({
  name: 'library-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const { redis, pg } = connectInfrastructure(ctx);
    let plex: PlexClient | undefined;
    let tautulli: TautulliClient | undefined;
    if (!config.PLEX_URL) {
      reportDisabled(
        ctx,
        'plex',
        'PLEX_URL is not set: Plex library features are disabled; set PLEX_URL and PLEX_TOKEN in .env',
      );
    } else if (!config.PLEX_TOKEN) {
      reportDisabled(ctx, 'plex', 'PLEX_TOKEN is not set: Plex library features are disabled; set it in .env');
    } else {
      health.register('plex', plexCheck({ url: config.PLEX_URL, token: config.PLEX_TOKEN }), UPSTREAM_CHECK_OPTIONS);
      plex = createPlexClient({ url: config.PLEX_URL, token: config.PLEX_TOKEN });
    }
    if (!config.TAUTULLI_URL) {
      reportDisabled(
        ctx,
        'tautulli',
        'TAUTULLI_URL is not set: listening stats are disabled; set TAUTULLI_URL and TAUTULLI_API_KEY in .env',
      );
    } else if (!config.TAUTULLI_API_KEY) {
      reportDisabled(ctx, 'tautulli', 'TAUTULLI_API_KEY is not set: listening stats are disabled; set it in .env');
    } else {
      health.register(
        'tautulli',
        tautulliCheck({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY }),
        UPSTREAM_CHECK_OPTIONS,
      );
      tautulli = createTautulliClient({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY });
    }

    if (plex || tautulli) {
      const tracker = createSyncTracker();
      health.register('library-sync', librarySyncCheck({ db: pg.db, tracker }));
      const worker = runWorker({
        queue: 'library',
        connection: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        logger,
        handlers: libraryHandlers({
          db: pg.db,
          sql: pg.sql,
          plex,
          tautulli,
          tracker,
          overlapMs: config.LIBRARY_HISTORY_OVERLAP * 1000,
        }),
      });
      // A running sync stops at its next batch and goes back to the queue; its cursors are saved.
      onShutdown('library worker', () => worker.close({ abortAfterMs: 0 }));
      await worker.ready;
      const bus = createBus({ connection: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
      onShutdown('bus', () => bus.close());
      const first = await scheduleSyncs({ bus, db: pg.db }, config.LIBRARY_SYNC_INTERVAL);
      logger.info(
        { first, intervalSeconds: config.LIBRARY_SYNC_INTERVAL, plex: Boolean(plex), tautulli: Boolean(tautulli) },
        'library sync scheduled',
      );
    } else {
      reportDisabled(
        ctx,
        'library-sync',
        'neither Plex nor Tautulli is configured: the library sync is disabled; set PLEX_URL/PLEX_TOKEN and TAUTULLI_URL/TAUTULLI_API_KEY in .env',
      );
    }

    await startOps(ctx, { port: config.LIBRARY_WORKER_PORT, redis });
  },
});
