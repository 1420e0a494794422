// library-worker: Plex/Tautulli sync, jazz credits and playlist sync on the library queue. This file only wires.
import { connectInfrastructure, reportDisabled, runService, startOps, useIntegration } from '@autoalex/runtime';
import { consumeQueue, useBus } from '@autoalex/runtime/integrations/bus';
import { plexIntegration } from '@autoalex/runtime/integrations/plex';
import { tautulliIntegration } from '@autoalex/runtime/integrations/tautulli';
import { configShape } from './config.ts';
import { libraryHandlers } from './jobs.ts';
import { scheduleSyncs } from './schedule.ts';
import { createSyncTracker } from './sync/tracker.ts';
import { librarySyncCheck } from './sync-health.ts';

await runService({
  name: 'library-worker',
  shape: configShape,
  async start(ctx) {
    const { redis, pg } = connectInfrastructure(ctx, { postgres: true });
    const plex = useIntegration(ctx, plexIntegration, { without: 'Plex library features are disabled' });
    const tautulli = useIntegration(ctx, tautulliIntegration, { without: 'listening stats are disabled' });
    const { config, health, logger } = ctx;

    if (plex || tautulli) {
      const tracker = createSyncTracker();
      health.register('library-sync', librarySyncCheck({ db: pg.db, tracker }));
      const overlapMs = config.LIBRARY_HISTORY_OVERLAP * 1000;
      // A running sync stops at its next batch and goes back to the queue; its cursors are saved.
      await consumeQueue(
        ctx,
        'library',
        libraryHandlers({ db: pg.db, sql: pg.sql, plex, tautulli, tracker, overlapMs }),
      );
      const first = await scheduleSyncs({ bus: useBus(ctx), db: pg.db }, config.LIBRARY_SYNC_INTERVAL);
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
