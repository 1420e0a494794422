// player: voice connections and per-guild queues; voice payloads cross the bus to the gateway. This file only wires.
import { connectInfrastructure, runService, startOps } from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'player',
  shape: configShape,
  async start(ctx) {
    const { redis } = connectInfrastructure(ctx);
    await startOps(ctx, { port: ctx.config.PLAYER_PORT, redis });

    ctx.logger.info(
      'voice playback has not landed yet: no worker consumes the player queue; this service will join voice channels and play each guild queue',
    );
  },
});
