// remix-worker: stem separation (Demucs ONNX) and remix mixing (FFmpeg) on the remix queue. This file only wires.
import { createSeparator, modelPathsIn, modelStatus } from '@autoalex/audio';
import { runWorker } from '@autoalex/contracts';
import { createDiscordRest } from '@autoalex/discord';
import { createPlexClient } from '@autoalex/plex';
import {
  connectInfrastructure,
  discordCheck,
  plexCheck,
  reportDisabled,
  runService,
  startOps,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { createStorage } from '@autoalex/storage';
import { Queue } from 'bullmq';
import { configShape } from './config.ts';
import { handleRemix } from './worker/handle-remix.ts';
import { createServiceDeps, modelDirOf } from './worker/service-deps.ts';

await runService({
  name: 'remix-worker',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;

    const { redis, pg } = connectInfrastructure(ctx);
    const storage = createStorage(config, {
      signingSecret: config.LINK_SIGNING_SECRET,
      s3PublicEndpoint: config.S3_PUBLIC_URL,
    });
    onShutdown('storage', () => storage.close());

    health.register('storage', async () => {
      const result = await storage.health();
      return { status: result.ok ? 'ok' : 'down', detail: result.detail };
    });

    const plex =
      config.PLEX_URL && config.PLEX_TOKEN
        ? createPlexClient({ url: config.PLEX_URL, token: config.PLEX_TOKEN })
        : undefined;
    if (config.PLEX_URL && config.PLEX_TOKEN) {
      health.register('plex', plexCheck({ url: config.PLEX_URL, token: config.PLEX_TOKEN }), UPSTREAM_CHECK_OPTIONS);
    } else {
      reportDisabled(
        ctx,
        'plex',
        'PLEX_URL/PLEX_TOKEN are not set: library tracks cannot be remixed (uploads still can)',
      );
    }
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
        'DISCORD_TOKEN is not set: remixes that outlive the 15-minute interaction token cannot be posted',
      );
    }

    const modelDir = modelDirOf(config);
    health.register('models', async () => {
      const status = await modelStatus(modelDir);
      return { status: status.missing.length === 0 ? 'ok' : 'degraded', detail: status.summary };
    });
    logger.info({ modelDir }, (await modelStatus(modelDir)).summary);
    const separator = createSeparator({ modelPaths: modelPathsIn(modelDir), threads: config.REMIX_THREADS });

    const queue = new Queue('remix', { connection: redis, prefix: config.QUEUE_PREFIX });
    let stopping = false;
    const deps = createServiceDeps({
      config,
      db: pg.db,
      redis,
      storage,
      separator,
      rest: createDiscordRest({ api: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
      plex,
      queue,
      isShuttingDown: () => stopping,
      logger,
    });

    const remixes = metrics.counter({
      name: 'autoalex_remixes_total',
      help: 'Remix jobs by outcome (ok, failed), delivery (attachment, link) and stem cache use',
      labelNames: ['outcome', 'delivered', 'cache'],
    });
    const worker = runWorker({
      queue: 'remix',
      connection: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      logger,
      handlers: {
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
    });
    // Reverse order on SIGTERM: the worker stops first (a running remix is aborted and goes back to
    // the queue), then the separator's thread, then the queue handle.
    onShutdown('queue handle', () => queue.close());
    onShutdown('separator', () => separator.close());
    onShutdown('remix worker', async () => {
      stopping = true;
      await worker.close({ abortAfterMs: 0 });
    });
    await worker.ready;
    health.register('queue', async () =>
      worker.worker.isRunning()
        ? { status: 'ok', detail: 'taking remix jobs from the queue, one at a time' }
        : { status: 'down', detail: 'the remix worker is not running' },
    );

    await startOps(ctx, { port: config.REMIX_WORKER_PORT, redis });
    logger.info('taking remix jobs from the queue');
  },
});
