// suno-worker: song generation through a Suno-compatible provider, on the suno queue. This file only wires.
import {
  connectInfrastructure,
  reportDisabled,
  runService,
  startOps,
  sunoCheck,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { configShape } from './config.ts';

await runService({
  name: 'suno-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger } = ctx;

    const { redis } = connectInfrastructure(ctx);
    if (!config.SUNO_API_URL) {
      reportDisabled(
        ctx,
        'suno',
        'SUNO_API_URL is not set: song generation is disabled; set SUNO_API_URL and SUNO_API_KEY in .env',
      );
    } else if (!config.SUNO_API_KEY) {
      reportDisabled(ctx, 'suno', 'SUNO_API_KEY is not set: song generation is disabled; set it in .env');
    } else {
      health.register('suno', sunoCheck({ url: config.SUNO_API_URL, apiKey: config.SUNO_API_KEY }), {
        ...UPSTREAM_CHECK_OPTIONS,
        cacheMs: 300_000,
      });
    }

    await startOps(ctx, { port: config.SUNO_WORKER_PORT, redis });

    logger.info(
      'song generation has not landed yet: no worker consumes the suno queue; this service will submit prompts to the provider, poll them and copy the songs into storage',
    );
  },
});
