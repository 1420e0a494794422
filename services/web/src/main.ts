// web: dashboard, REST API and the suite's health page. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  listen,
  postgresCheck,
  redisCheck,
  reportDisabled,
  runService,
  startHeartbeat,
} from '@autoalex/runtime';
import { buildApp } from './app.ts';
import { configShape } from './config.ts';

await runService({
  name: 'web',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:web` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: 'autoalex-web' });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));
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

    const app = await buildApp({ logger, health, metrics: ctx.metrics, redis, queuePrefix: config.QUEUE_PREFIX });
    await listen(ctx, app, { port: config.WEB_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'the dashboard has not landed yet: this service serves /healthz, /metrics and /api/health; Discord login, the REST API and the pages come with the dashboard capability',
    );
  },
});
