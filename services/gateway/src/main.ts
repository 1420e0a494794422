// gateway: the only holder of the Discord WebSocket. This file only wires.
import { createBus, runWorker } from '@autoalex/contracts';
import { createDeadlineGuard, createRestResponder, redisClaims } from '@autoalex/ingress';
import {
  connectInfrastructure,
  discordCheck,
  reportDisabled,
  runService,
  startOps,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { REST } from '@discordjs/rest';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { configShape } from './config.ts';
import { createGatewayConnection } from './connection.ts';
import { gatewayCheck } from './gateway-check.ts';
import { relayInteraction } from './relay-interaction.ts';
import { createVoiceRelay } from './relay-voice.ts';
import { sendVoiceState } from './send-voice-state.ts';
import { createSessionStore } from './session-store.ts';
import { shardPlan, userIdFromToken } from './shards.ts';

await runService({
  name: 'gateway',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;
    const plan = shardPlan(config);

    const { redis } = connectInfrastructure(ctx);
    const token = config.DISCORD_TOKEN;
    if (!token) {
      reportDisabled(
        ctx,
        'discord',
        'DISCORD_TOKEN is not set: Discord is disabled; set it in .env to connect the bot',
      );
      await startOps(ctx, { port: config.GATEWAY_PORT, redis });
      return;
    }
    health.register('discord', discordCheck({ apiUrl: config.DISCORD_API_URL, token }), UPSTREAM_CHECK_OPTIONS);

    const bus = createBus({ connection: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
    onShutdown('bus', () => bus.close());
    const rest = new REST({ api: config.DISCORD_API_URL, version: '10' }).setToken(token);

    const guardOutcomes = metrics.counter({
      name: 'autoalex_interaction_guard_outcomes_total',
      help: 'What the deadline guard did per interaction (answered = the interactions service was in time)',
      labelNames: ['outcome', 'kind'],
    });
    const guard = createDeadlineGuard({
      claims: redisClaims(redis, config.QUEUE_PREFIX),
      responder: createRestResponder({ apiUrl: config.DISCORD_API_URL, rest }),
      deferAfterMs: config.INTERACTION_DEFER_AFTER_MS,
      busyAfterMs: config.INTERACTION_BUSY_AFTER_MS,
      logger,
      onOutcome: (outcome, kind) => guardOutcomes.inc({ outcome, kind }),
    });
    // Runs after the socket is closed: every interaction received gets its deferral first.
    onShutdown('deadline guard', () => guard.drain());

    let botUserId = userIdFromToken(token);
    const voice = createVoiceRelay({ bus, logger, botUserId: () => botUserId });
    onShutdown('voice relay', () => voice.idle());
    const interactionsReceived = metrics.counter({
      name: 'autoalex_gateway_interactions_total',
      help: 'INTERACTION_CREATE dispatches received from Discord',
    });

    const sessions = createSessionStore({ redis, prefix: config.QUEUE_PREFIX, logger });
    const connection = createGatewayConnection({
      token,
      rest,
      plan,
      sessions,
      logger,
      onReady: (userId) => {
        botUserId = userId;
      },
      onDispatch: ({ data }) => {
        switch (data.t) {
          case GatewayDispatchEvents.InteractionCreate:
            interactionsReceived.inc();
            void relayInteraction({ bus, guard, logger }, data.d);
            return;
          case GatewayDispatchEvents.VoiceStateUpdate:
            voice.voiceState(data.d);
            return;
          case GatewayDispatchEvents.VoiceServerUpdate:
            voice.voiceServer(data.d);
            return;
        }
      },
    });
    await sessions.load(plan.shardIds ?? (plan.shardCount ? [...Array(plan.shardCount).keys()] : [0]));
    onShutdown('discord gateway', async () => {
      // Keep the stored session: the next process resumes it and Discord replays what it missed.
      await sessions.freeze();
      await connection.close();
    });
    health.register('gateway', gatewayCheck(connection));
    connection.start();

    const sender = runWorker({
      queue: 'gateway-send',
      connection: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      logger,
      handlers: { 'voice-state': (job, jobCtx) => sendVoiceState({ connection }, job, jobCtx) },
    });
    onShutdown('gateway-send worker', () => sender.close());
    await sender.ready;

    await startOps(ctx, { port: config.GATEWAY_PORT, redis });
  },
});
