// library-worker: Plex/Tautulli sync, jazz credits and playlist sync on the library queue. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  plexCheck,
  postgresCheck,
  redisCheck,
  reportDisabled,
  runService,
  startHeartbeat,
  startOpsServer,
  tautulliCheck,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'library-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:library-worker` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'autoalex-library-worker',
    });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));
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
    }

    await startOpsServer(ctx, { port: config.LIBRARY_WORKER_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'library sync has not landed yet: no worker consumes the library queue; this service will sync listening history from Tautulli, write jazz credits and keep Top Rated playlists in Plex',
    );
  },
});
