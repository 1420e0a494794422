import { randomUUID } from 'node:crypto';
import type { HttpInteractionsOptions } from '@autoalex/ingress';
import { type Health, type Logger, type Metrics, type Redis, registerOpsRoutes } from '@autoalex/runtime';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { registerApiHealth } from './routes/api-health.ts';
import { type FilesRoute, registerFiles } from './routes/files.ts';
import { registerInteractions } from './routes/interactions.ts';

export interface AppDeps {
  logger: Logger;
  health: Health;
  metrics: Metrics;
  redis: Redis;
  queuePrefix: string;
  /** POST /interactions (Discord HTTP interactions); unset answers 404 saying how to turn it on. */
  interactions?: HttpInteractionsOptions;
  /** GET /files/* (signed links to local-disk blobs); unset answers 404 saying how to turn it on. */
  files?: FilesRoute;
}

const CORRELATION_HEADER = 'x-correlation-id';

/** The web app without listening: main.ts listens, tests `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    genReqId: (req) => {
      const given = req.headers[CORRELATION_HEADER];
      return typeof given === 'string' && /^[A-Za-z0-9_.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  registerOpsRoutes(app, deps);
  registerApiHealth(app, deps);
  await registerInteractions(app, deps.interactions);
  registerFiles(app, deps.files);
  await app.ready();
  return app;
}
