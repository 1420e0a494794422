// suno-worker: song generation through a Suno-compatible provider, on the suno queue. This file only wires.
import { connectInfrastructure, runService, startOps, useIntegration } from '@autoalex/runtime';
import { sunoIntegration } from '@autoalex/runtime/integrations/suno';
import { configShape } from './config.ts';

await runService({
  name: 'suno-worker',
  shape: configShape,
  async start(ctx) {
    const { redis } = connectInfrastructure(ctx);
    useIntegration(ctx, sunoIntegration);
    await startOps(ctx, { port: ctx.config.SUNO_WORKER_PORT, redis });

    ctx.logger.info(
      'song generation has not landed yet: no worker consumes the suno queue; this service will submit prompts to the provider, poll them and copy the songs into storage',
    );
  },
});
