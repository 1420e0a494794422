// interactions: routes every command, button, select menu, modal and autocomplete. This file only wires.
import { connectInfrastructure, runService, startOps, useIntegration } from '@autoalex/runtime';
import { consumeQueue, useBus } from '@autoalex/runtime/integrations/bus';
import { discordIntegration } from '@autoalex/runtime/integrations/discord';
import { plexIntegration } from '@autoalex/runtime/integrations/plex';
import { tautulliIntegration } from '@autoalex/runtime/integrations/tautulli';
import { configShape } from './config.ts';
import { handleInteraction } from './dispatch/handle-interaction.ts';
import { interactionEnded } from './dispatch/interaction-ended.ts';
import { createServiceDeps } from './service-deps.ts';

await runService({
  name: 'interactions',
  shape: configShape,
  async start(ctx) {
    const { config, logger, metrics } = ctx;

    const { redis, pg } = connectInfrastructure(ctx, { postgres: true });
    const rest = useIntegration(ctx, discordIntegration, {
      without: 'Discord replies are disabled',
      to: 'answer commands',
    });
    // /usage asks Tautulli live; a user waits for it, so no long retries.
    const tautulli = useIntegration(ctx, tautulliIntegration, {
      client: { timeoutMs: 5000, retries: 1 },
      without: '/usage says Tautulli is not configured',
    });
    // Album art for the /completion and /compare cards; a cover that is slow becomes a placeholder.
    const plex = useIntegration(ctx, plexIntegration, {
      client: { timeoutMs: 3000, retries: 0 },
      without: '/completion and /compare cards show placeholders instead of album art',
    });
    const bus = useBus(ctx);

    const answered = metrics.counter({
      name: 'autoalex_interactions_total',
      help: 'Interactions handled, by route and outcome',
      labelNames: ['route', 'outcome'],
    });
    // Refuses to start when a catalogue command has no handler (or two).
    const deps = createServiceDeps({
      redis,
      queuePrefix: config.QUEUE_PREFIX,
      rest,
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

    // Running answers finish (they are short); nothing new is taken.
    await consumeQueue(
      ctx,
      'interactions',
      { interaction: (payload, job) => handleInteraction(deps, payload, job.log) },
      // An interaction whose worker died under it ends with a clear sentence, never "thinking…".
      {
        healthDetail: 'taking interactions from the queue',
        ended: { interaction: (payload, end) => interactionEnded(deps, payload, end) },
      },
    );

    await startOps(ctx, { port: config.INTERACTIONS_PORT, redis });
    logger.info(
      { commands: deps.registries.commands.size, components: deps.registries.components.size },
      'answering interactions from the queue',
    );
  },
});
