// gateway: the only holder of the Discord WebSocket. This file only wires.
import { connectInfrastructure, runService, startOps, useIntegration, useRequestRedis } from '@autoalex/runtime';
import { consumeQueue, useBus } from '@autoalex/runtime/integrations/bus';
import { useDeadlineGuard } from '@autoalex/runtime/integrations/deadline-guard';
import { discordIntegration } from '@autoalex/runtime/integrations/discord';
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
    // The gateway's own calls (gateway URL, shard info) may retry; @discordjs/rest's default is 3.
    const rest = useIntegration(ctx, discordIntegration, { client: { retries: 3 }, to: 'connect the bot' });
    const token = config.DISCORD_TOKEN;
    if (!token) {
      await startOps(ctx, { port: config.GATEWAY_PORT, redis });
      return;
    }

    const bus = useBus(ctx);
    const guardOutcomes = metrics.counter({
      name: 'autoalex_interaction_guard_outcomes_total',
      help: 'What the deadline guard did per interaction (answered = the interactions service was in time)',
      labelNames: ['outcome', 'kind'],
    });
    // Drained after the socket is closed: every interaction received gets its deferral first.
    // The guard's claims fail fast while Redis is away, so that it still answers in time (ADR 0230).
    const guard = useDeadlineGuard(ctx, {
      redis: useRequestRedis(ctx),
      rest,
      onOutcome: (outcome, kind) => guardOutcomes.inc({ outcome, kind }),
    });

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

    await consumeQueue(ctx, 'gateway-send', {
      'voice-state': (job, jobCtx) => sendVoiceState({ connection }, job, jobCtx),
    });

    await startOps(ctx, { port: config.GATEWAY_PORT, redis });
  },
});
