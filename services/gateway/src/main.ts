// gateway: the only holder of the Discord WebSocket. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  discordCheck,
  postgresCheck,
  redisCheck,
  reportDisabled,
  runService,
  startHeartbeat,
  startOpsServer,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'gateway',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:gateway` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: 'autoalex-gateway' });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));
    if (config.DISCORD_TOKEN) {
      health.register(
        'discord',
        discordCheck({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
        UPSTREAM_CHECK_OPTIONS,
      );
    } else {
      reportDisabled(
        ctx,
        'discord',
        'DISCORD_TOKEN is not set: Discord is disabled; set it in .env to connect the bot',
      );
    }

    await startOpsServer(ctx, { port: config.GATEWAY_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'the Discord gateway connection has not landed yet: this service will hold the WebSocket, publish interactions and voice events on the bus, and send voice state updates for the player',
    );
  },
});
