// suno-worker: song generation through a Suno-compatible provider, on the suno queue. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  postgresCheck,
  redisCheck,
  reportDisabled,
  runService,
  startHeartbeat,
  startOpsServer,
  sunoCheck,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'suno-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:suno-worker` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'autoalex-suno-worker',
    });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));
    if (!config.SUNO_API_URL) {
      reportDisabled(
        ctx,
        'suno',
        'SUNO_API_URL is not set: song generation is disabled; set SUNO_API_URL and SUNO_API_KEY in .env',
      );
    } else if (!config.SUNO_API_KEY) {
      reportDisabled(ctx, 'suno', 'SUNO_API_KEY is not set: song generation is disabled; set it in .env');
    } else {
      health.register('suno', sunoCheck({ url: config.SUNO_API_URL, apiKey: config.SUNO_API_KEY }), {
        ...UPSTREAM_CHECK_OPTIONS,
        cacheMs: 300_000,
      });
    }

    await startOpsServer(ctx, { port: config.SUNO_WORKER_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'song generation has not landed yet: no worker consumes the suno queue; this service will submit prompts to the provider, poll them and copy the songs into storage',
    );
  },
});
