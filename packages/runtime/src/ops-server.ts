import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RuntimeContext } from './context.ts';
import { registerOpsRoutes } from './ops-routes.ts';

export interface OpsServer {
  app: FastifyInstance;
  port: number;
}

/**
 * Serves /healthz and /metrics on the service's own port and closes it on shutdown. Workers use this;
 * web mounts the same routes in its own app with `registerOpsRoutes`.
 */
export async function startOpsServer(
  ctx: RuntimeContext,
  options: { port: number; host?: string },
): Promise<OpsServer> {
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, ctx);
  await listen(ctx, app, options);
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** Listens, registers the close hook and logs the address once. */
export async function listen(
  ctx: RuntimeContext,
  app: FastifyInstance,
  options: { port: number; host?: string },
): Promise<void> {
  const host = options.host ?? '0.0.0.0';
  await app.listen({ port: options.port, host });
  ctx.onShutdown('http server', () => app.close());
  const { port } = app.server.address() as AddressInfo;
  ctx.logger.info({ port, host }, `serving /healthz and /metrics on port ${port}`);
}
