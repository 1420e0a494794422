// remix-worker: stem separation (Demucs ONNX) and remix mixing (FFmpeg) on the remix queue. This file only wires.
import { createSeparator, modelPathsIn, modelStatus, resolveFfmpeg } from '@autoalex/audio';
import { connectInfrastructure, runService, startOps, useIntegration } from '@autoalex/runtime';
import { consumeQueue, useBus } from '@autoalex/runtime/integrations/bus';
import { discordIntegration } from '@autoalex/runtime/integrations/discord';
import { plexIntegration } from '@autoalex/runtime/integrations/plex';
import { storageIntegration } from '@autoalex/runtime/integrations/storage';
import { configShape } from './config.ts';
import { handleRemix } from './worker/handle-remix.ts';
import { remixEnded } from './worker/remix-ended.ts';
import { createServiceDeps, modelDirOf } from './worker/service-deps.ts';

await runService({
  name: 'remix-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;

    const { redis, pg } = connectInfrastructure(ctx, { postgres: true });
    const storage = useIntegration(ctx, storageIntegration, {
      client: { signingSecret: config.LINK_SIGNING_SECRET, s3PublicEndpoint: config.S3_PUBLIC_URL },
    });
    const plex = useIntegration(ctx, plexIntegration, {
      without: 'library tracks cannot be remixed (uploads still can)',
    });
    const rest = useIntegration(ctx, discordIntegration, {
      without: 'remixes that outlive the 15-minute interaction token cannot be posted',
    });

    // FFmpeg: the system's or the packaged one (ADR 0220); a missing one is said at start and in /healthz.
    health.register('ffmpeg', async () => {
      try {
        const { ffmpeg, ffprobe } = await resolveFfmpeg();
        return {
          status: 'ok',
          detail: `ffmpeg ${ffmpeg.version} (${ffmpeg.origin}), ffprobe ${ffprobe.version} (${ffprobe.origin})`,
        };
      } catch (err) {
        return { status: 'down', detail: err instanceof Error ? err.message : String(err) };
      }
    });
    await resolveFfmpeg().then(
      ({ notes }) => {
        for (const note of notes) logger.warn(note);
      },
      (err: unknown) =>
        logger.error(
          { detail: err instanceof Error ? err.message : String(err) },
          'no usable FFmpeg: remixes will fail',
        ),
    );

    const modelDir = modelDirOf(config);
    health.register('models', async () => {
      const status = await modelStatus(modelDir);
      return { status: status.missing.length === 0 ? 'ok' : 'degraded', detail: status.summary };
    });
    logger.info({ modelDir }, (await modelStatus(modelDir)).summary);
    const separator = createSeparator({ modelPaths: modelPathsIn(modelDir), threads: config.REMIX_THREADS });

    // Reverse order on SIGTERM: the worker stops first (a running remix is aborted and goes back to
    // the queue), then the separator's process, then the bus (the waiting remixes' positions).
    const bus = useBus(ctx);
    onShutdown('separator', () => separator.close());
    let stopping = false;
    const deps = createServiceDeps({
      config,
      db: pg.db,
      redis,
      storage,
      separator,
      rest,
      plex,
      bus,
      isShuttingDown: () => stopping,
      logger,
    });

    const remixes = metrics.counter({
      name: 'autoalex_remixes_total',
      help: 'Remix jobs by outcome (ok, failed), delivery (attachment, link) and stem cache use',
      labelNames: ['outcome', 'delivered', 'cache'],
    });
    await consumeQueue(
      ctx,
      'remix',
      {
        remix: async (payload, job) => {
          try {
            const result = await handleRemix(deps, payload, job);
            remixes.inc({ outcome: 'ok', delivered: result.delivered, cache: result.cacheHit ? 'hit' : 'miss' });
            return result;
          } catch (err) {
            remixes.inc({ outcome: 'failed', delivered: 'none', cache: 'none' });
            throw err;
          }
        },
      },
      {
        healthDetail: 'taking remix jobs from the queue, one at a time',
        onStop: () => {
          stopping = true;
        },
        // Whatever ended a remix for good (its workers killed once too often included), the user
        // hears it, the row is final and the slot free (ADR 0229).
        ended: { remix: (payload, end) => remixEnded(deps, payload, end) },
      },
    );

    await startOps(ctx, { port: config.REMIX_WORKER_PORT, redis });
    logger.info('taking remix jobs from the queue');
  },
});
