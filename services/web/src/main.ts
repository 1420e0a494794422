// web: dashboard, REST API and the suite's health page. This file only wires.
import {
  connectInfrastructure,
  listen,
  runService,
  startHeartbeat,
  useIntegration,
  useRequestRedis,
} from '@autoalex/runtime';
import { loginIntegration } from '@autoalex/runtime/integrations/login';
import { buildApp } from './app.ts';
import { configShape } from './config.ts';
import { useFilesRoute } from './files-route.ts';
import { useInteractionsEndpoint } from './interactions-endpoint.ts';

await runService({
  name: 'web',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger } = ctx;

    const { redis } = connectInfrastructure(ctx);
    // What answers a request (/api/health, POST /interactions) fails fast while Redis is away (ADR 0230).
    const requests = useRequestRedis(ctx);
    useIntegration(ctx, loginIntegration);
    const interactions = useInteractionsEndpoint(ctx, requests);
    const files = useFilesRoute(ctx);

    const app = await buildApp({
      logger,
      health,
      metrics: ctx.metrics,
      redis: requests,
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
