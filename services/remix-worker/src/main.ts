// remix-worker: stem separation (Demucs ONNX) and remix mixing (FFmpeg) on the remix queue. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  postgresCheck,
  redisCheck,
  runService,
  startHeartbeat,
  startOpsServer,
} from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'remix-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:remix-worker` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'autoalex-remix-worker',
    });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));

    await startOpsServer(ctx, { port: config.REMIX_WORKER_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'remixing has not landed yet: no worker consumes the remix queue; this service will separate stems with Demucs and mix remixes with FFmpeg',
    );
  },
});
