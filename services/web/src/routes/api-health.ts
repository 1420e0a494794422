import { SERVICE_NAMES } from '@autoalex/config';
import { describeError, type Logger, type Redis, readHeartbeats } from '@autoalex/runtime';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NO_HEARTBEAT, type SuiteHealth, suiteHealthSchema, summarizeSuite } from '../suite-health.ts';

export interface ApiHealthDeps {
  redis: Redis;
  queuePrefix: string;
  logger: Logger;
}

/** The suite's health from the Redis heartbeats of every replica of every service. */
export async function getSuiteHealth(deps: ApiHealthDeps): Promise<{ ok: boolean; body: SuiteHealth }> {
  try {
    const { heartbeats, invalid } = await readHeartbeats(deps.redis, deps.queuePrefix);
    if (invalid.length > 0) deps.logger.warn({ keys: invalid }, 'skipped heartbeat keys that are not valid heartbeats');
    return { ok: true, body: summarizeSuite(heartbeats, SERVICE_NAMES) };
  } catch (err) {
    const detail = `cannot read heartbeats from Redis: ${describeError(err)}`;
    const body = summarizeSuite([], SERVICE_NAMES);
    for (const service of Object.values(body.services)) service.detail = `${NO_HEARTBEAT} (${detail})`;
    return { ok: false, body };
  }
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
