// web: dashboard, REST API and the suite's health page. This file only wires.
import { createBus } from '@autoalex/contracts';
import {
  createDeadlineGuard,
  createListWaiter,
  createRestResponder,
  type HttpInteractionsOptions,
  redisClaims,
} from '@autoalex/ingress';
import {
  connectInfrastructure,
  createRedis,
  listen,
  reportDisabled,
  runService,
  startHeartbeat,
} from '@autoalex/runtime';
import { createStorage } from '@autoalex/storage';
import { buildApp } from './app.ts';
import { configShape } from './config.ts';
import { FILES_OFF, FILES_ON_S3, type FilesRoute } from './routes/files.ts';

await runService({
  name: 'web',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const { redis } = connectInfrastructure(ctx);
    const missing = (
      [
        ['DISCORD_APPLICATION_ID', config.DISCORD_APPLICATION_ID],
        ['DISCORD_CLIENT_SECRET', config.DISCORD_CLIENT_SECRET],
        ['SESSION_SECRET', config.SESSION_SECRET],
        ['ENCRYPTION_KEY', config.ENCRYPTION_KEY],
      ] as const
    )
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (missing.length > 0) {
      reportDisabled(
        ctx,
        'login',
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: Discord login to the dashboard is disabled; set ${missing.length === 1 ? 'it' : 'them'} in .env`,
      );
    } else {
      health.register('login', async () => ({ status: 'ok', detail: 'Discord OAuth2 settings present' }));
    }

    // Discord HTTP interactions (POST /interactions): publish, hold the request, guard the deadline (ADR 0002).
    let interactions: HttpInteractionsOptions | undefined;
    if (config.DISCORD_PUBLIC_KEY) {
      const bus = createBus({ connection: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
      onShutdown('bus', () => bus.close());
      const guard = createDeadlineGuard({
        claims: redisClaims(redis, config.QUEUE_PREFIX),
        responder: createRestResponder({ apiUrl: config.DISCORD_API_URL }),
        deferAfterMs: config.INTERACTION_DEFER_AFTER_MS,
        busyAfterMs: config.INTERACTION_BUSY_AFTER_MS,
        logger,
      });
      onShutdown('deadline guard', () => guard.drain());
      const blocking = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:web:ix-wait` });
      const waiter = createListWaiter({ blocking, control: redis, prefix: config.QUEUE_PREFIX, logger });
      onShutdown('interaction response waiter', () => waiter.close());
      interactions = {
        publicKey: config.DISCORD_PUBLIC_KEY,
        bus,
        guard,
        waiter,
        queuePrefix: config.QUEUE_PREFIX,
        logger,
      };
    } else {
      reportDisabled(
        ctx,
        'http-interactions',
        'DISCORD_PUBLIC_KEY is not set: the HTTP interactions endpoint is off (the gateway receives interactions)',
      );
    }

    // Signed links to local-disk blobs (the remix-worker's downloads too large for Discord), ADR 0190.
    let files: FilesRoute;
    if (config.S3_BUCKET) {
      files = { disabled: FILES_ON_S3 };
    } else if (!config.LINK_SIGNING_SECRET) {
      files = { disabled: FILES_OFF };
      reportDisabled(ctx, 'files', FILES_OFF);
    } else {
      const store = createStorage(config, { signingSecret: config.LINK_SIGNING_SECRET });
      onShutdown('storage', () => store.close());
      health.register('storage', async () => {
        const result = await store.health();
        return { status: result.ok ? 'ok' : 'down', detail: result.detail };
      });
      files = { store, signingSecret: config.LINK_SIGNING_SECRET };
    }

    const app = await buildApp({
      logger,
      health,
      metrics: ctx.metrics,
      redis,
      queuePrefix: config.QUEUE_PREFIX,
      interactions,
      files,
    });
    await listen(ctx, app, { port: config.WEB_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'the dashboard has not landed yet: this service serves /healthz, /metrics and /api/health; Discord login, the REST API and the pages come with the dashboard capability',
    );
  },
});
