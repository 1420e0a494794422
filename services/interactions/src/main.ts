// interactions: routes every command, button, select menu, modal and autocomplete. This file only wires.
import { runWorker } from '@autoalex/contracts';
import { createDb } from '@autoalex/db';
import { createDiscordRest } from '@autoalex/discord';
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
import { handleInteraction } from './handle-interaction.ts';
import { createServiceDeps } from './service-deps.ts';

await runService({
  name: 'interactions',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;

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

    const answered = metrics.counter({
      name: 'autoalex_interactions_total',
      help: 'Interactions handled, by route and outcome',
      labelNames: ['route', 'outcome'],
    });
    // Refuses to start when a catalogue command has no handler (or two).
    const deps = createServiceDeps({
      redis,
      queuePrefix: config.QUEUE_PREFIX,
      rest: createDiscordRest({ api: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
      instance: ctx.instance,
      limits: {
        windowMs: config.RATE_LIMIT_WINDOW * 1000,
        perUser: config.RATE_LIMIT_PER_USER,
        perGuild: config.RATE_LIMIT_PER_GUILD,
      },
      logger,
      onOutcome: (route, outcome) => answered.inc({ route, outcome }),
    });

    const worker = runWorker({
      queue: 'interactions',
      connection: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      logger,
      handlers: { interaction: (payload, job) => handleInteraction(deps, payload, job.log) },
    });
    // Running answers finish (they are short); nothing new is taken.
    onShutdown('interactions worker', () => worker.close());
    await worker.ready;
    health.register('queue', async () =>
      worker.worker.isRunning()
        ? { status: 'ok', detail: 'taking interactions from the queue' }
        : { status: 'down', detail: 'the interactions worker is not running' },
    );

    await startOpsServer(ctx, { port: config.INTERACTIONS_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });
    logger.info(
      { commands: deps.registries.commands.size, components: deps.registries.components.size },
      'answering interactions from the queue',
    );
  },
});
