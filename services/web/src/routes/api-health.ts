import { type Logger, type Redis, readSuiteHealth, type SuiteHealth, suiteHealthSchema } from '@autoalex/runtime';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface ApiHealthDeps {
  redis: Redis;
  queuePrefix: string;
  logger: Logger;
}

/** The suite's health from the Redis heartbeats of every replica of every service. */
export async function getSuiteHealth(deps: ApiHealthDeps): Promise<{ ok: boolean; body: SuiteHealth }> {
  const { ok, health } = await readSuiteHealth(deps.redis, deps.queuePrefix, { logger: deps.logger });
  return { ok, body: health };
}

const responseSchema = z.toJSONSchema(suiteHealthSchema, { target: 'draft-7' });

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
