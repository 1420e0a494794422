// interactions: routes every command, button, select menu, modal and autocomplete. This file only wires.
import { createBus, runWorker } from '@autoalex/contracts';
import { createDiscordRest } from '@autoalex/discord';
import { createPlexClient } from '@autoalex/plex';
import {
  connectInfrastructure,
  discordCheck,
  plexCheck,
  reportDisabled,
  runService,
  startOps,
  tautulliCheck,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { createTautulliClient } from '@autoalex/tautulli';
import { configShape } from './config.ts';
import { handleInteraction } from './handle-interaction.ts';
import { createServiceDeps } from './service-deps.ts';

await runService({
  name: 'interactions',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;

    const { redis, pg } = connectInfrastructure(ctx);
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

    // /usage asks Tautulli live; a user waits for it, so no long retries.
    const tautulli =
      config.TAUTULLI_URL && config.TAUTULLI_API_KEY
        ? createTautulliClient({
            url: config.TAUTULLI_URL,
            apiKey: config.TAUTULLI_API_KEY,
            timeoutMs: 5000,
            retries: 1,
          })
        : undefined;
    if (config.TAUTULLI_URL && config.TAUTULLI_API_KEY) {
      health.register(
        'tautulli',
        tautulliCheck({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY }),
        UPSTREAM_CHECK_OPTIONS,
      );
    } else {
      reportDisabled(
        ctx,
        'tautulli',
        'TAUTULLI_URL/TAUTULLI_API_KEY are not set: /usage says Tautulli is not configured; set both in .env',
      );
    }
    // Album art for the /completion and /compare cards; a cover that is slow becomes a placeholder.
    const plex =
      config.PLEX_URL && config.PLEX_TOKEN
        ? createPlexClient({ url: config.PLEX_URL, token: config.PLEX_TOKEN, timeoutMs: 3000, retries: 0 })
        : undefined;
    if (config.PLEX_URL && config.PLEX_TOKEN) {
      health.register('plex', plexCheck({ url: config.PLEX_URL, token: config.PLEX_TOKEN }), UPSTREAM_CHECK_OPTIONS);
    } else {
      reportDisabled(
        ctx,
        'plex',
        'PLEX_URL/PLEX_TOKEN are not set: /completion and /compare cards show placeholders instead of album art',
      );
    }
    const bus = createBus({ connection: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
    onShutdown('bus', () => bus.close());

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
      db: pg.db,
      bus,
      instance: ctx.instance,
      limits: {
        windowMs: config.RATE_LIMIT_WINDOW * 1000,
        perUser: config.RATE_LIMIT_PER_USER,
        perGuild: config.RATE_LIMIT_PER_GUILD,
      },
      listenedThreshold: config.LISTENED_THRESHOLD,
      remixLimits: { activePerUser: config.REMIX_ACTIVE_PER_USER, perDay: config.REMIX_DAILY_LIMIT },
      tautulli,
      plex,
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

    await startOps(ctx, { port: config.INTERACTIONS_PORT, redis });
    logger.info(
      { commands: deps.registries.commands.size, components: deps.registries.components.size },
      'answering interactions from the queue',
    );
  },
});
