import { createDb, type DbClient } from '@autoalex/db';
import { postgresCheck } from './checks/postgres.ts';
import { redisCheck } from './checks/redis.ts';
import type { ServiceContext } from './context.ts';
import { type HeartbeatHandle, startHeartbeat } from './heartbeat.ts';
import { type OpsServer, startOpsServer } from './ops-server.ts';
import { closeRedis, createRedis, type Redis } from './redis.ts';

/** The settings of the `redis` and `database` config fragments, which every service includes. */
export interface InfrastructureConfig {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
}

export interface Infrastructure {
  redis: Redis;
  pg: DbClient;
}

/**
 * The service's Redis connection (`${QUEUE_PREFIX}:${service}` in CLIENT LIST) and Postgres pool
 * (application_name `autoalex-${service}`), with their `redis` and `postgres` checks in /healthz.
 * Both close on shutdown; registered first, they close last.
 */
export function connectInfrastructure(ctx: ServiceContext<InfrastructureConfig>): Infrastructure {
  const { config, health, logger, onShutdown, service } = ctx;
  const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:${service}` });
  onShutdown('redis', () => closeRedis(redis));
  const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: `autoalex-${service}` });
  onShutdown('postgres', () => pg.close());
  health.register('redis', redisCheck(redis));
  health.register('postgres', postgresCheck(pg.sql));
  return { redis, pg };
}

/**
 * The last step of a worker's start: /healthz and /metrics on `port`, then the first heartbeat in
 * Redis (from then on the suite sees this replica).
 */
export async function startOps(
  ctx: ServiceContext<Pick<InfrastructureConfig, 'QUEUE_PREFIX'>>,
  options: { port: number; redis: Redis },
): Promise<{ server: OpsServer; heartbeat: HeartbeatHandle }> {
  const server = await startOpsServer(ctx, { port: options.port });
  const heartbeat = await startHeartbeat(ctx, { redis: options.redis, queuePrefix: ctx.config.QUEUE_PREFIX });
  return { server, heartbeat };
}
