// interactions: routes every command, button, select menu, modal and autocomplete. This file only wires.
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
  name: 'interactions',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:interactions` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'autoalex-interactions',
    });
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
        'DISCORD_TOKEN is not set: Discord replies are disabled; set it in .env to answer commands',
      );
    }

    await startOpsServer(ctx, { port: config.INTERACTIONS_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'command handling has not landed yet: this service will consume the interactions queue, answer fast commands and hand slow ones to the workers',
    );
  },
});
