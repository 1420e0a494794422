// player: voice connections and per-guild queues; voice payloads cross the bus to the gateway. This file only wires.
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
  name: 'player',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:player` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: 'autoalex-player' });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));

    await startOpsServer(ctx, { port: config.PLAYER_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'voice playback has not landed yet: no worker consumes the player queue; this service will join voice channels and play each guild queue',
    );
  },
});
