import type { FastifyInstance } from 'fastify';
import { type Health, httpStatusOf } from './health.ts';
import type { Metrics } from './metrics.ts';

export interface OpsDeps {
  health: Health;
  metrics: Metrics;
}

/** `GET /healthz` (JSON, 503 when down) and `GET /metrics` (Prometheus text) on any fastify app. */
export function registerOpsRoutes(app: FastifyInstance, deps: OpsDeps): void {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    const report = await deps.health.report();
    return reply.code(httpStatusOf(report.status)).header('cache-control', 'no-store').send(report);
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    const text = await deps.metrics.render();
    return reply.header('content-type', deps.metrics.contentType).send(text);
  });
}
