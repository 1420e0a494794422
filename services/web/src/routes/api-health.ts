import { type Logger, type Redis, readSuiteHealth, type SuiteHealth, suiteHealthSchema } from '@autoalex/runtime';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface ApiHealthDeps {
  /** The request-path connection in production (`useRequestRedis`): it fails at once while Redis is away. */
  redis: Redis;
  queuePrefix: string;
  logger: Logger;
}

/** Longest wait for Redis: ADR 0051 promises an immediate 503 while it is away (ADR 0230). */
export const API_HEALTH_REDIS_TIMEOUT_MS = 800;

/** The suite's health from the Redis heartbeats of every replica of every service. */
export async function getSuiteHealth(deps: ApiHealthDeps): Promise<{ ok: boolean; body: SuiteHealth }> {
  const { ok, health } = await readSuiteHealth(deps.redis, deps.queuePrefix, {
    logger: deps.logger,
    timeoutMs: API_HEALTH_REDIS_TIMEOUT_MS,
  });
  return { ok, body: health };
}

const responseSchema = z.toJSONSchema(suiteHealthSchema, { target: 'draft-7' });

/** `GET /api/health`: 200 with the suite's health, 503 with `redis: down` when the heartbeats cannot be read. */
export function registerApiHealth(app: FastifyInstance, deps: ApiHealthDeps): void {
  app.get(
    '/api/health',
    { schema: { response: { 200: responseSchema, 503: responseSchema } } },
    async (_req, reply) => {
      const { ok, body } = await getSuiteHealth(deps);
      return reply
        .code(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
