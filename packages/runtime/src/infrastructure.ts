import { createDb, type DbClient } from '@autoalex/db';
import { postgresCheck } from './checks/postgres.ts';
import { redisCheck } from './checks/redis.ts';
import type { ServiceContext } from './context.ts';
import { type HeartbeatHandle, startHeartbeat } from './heartbeat.ts';
import { type OpsServer, startOpsServer } from './ops-server.ts';
import { closeRedis, createRedis, createRequestRedis, type Redis, type RequestRedis } from './redis.ts';

/** The settings of the `redis` config fragment, which every service includes. */
export interface RedisConfig {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
}

/** The settings of the `database` config fragment, which only the services that use Postgres include. */
export interface DatabaseConfig {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
}

export type InfrastructureConfig = RedisConfig & DatabaseConfig;

export interface Infrastructure {
  redis: Redis;
  pg: DbClient;
}

/**
 * The service's Redis connection (`${QUEUE_PREFIX}:${service}` in CLIENT LIST) with its `redis` check
 * in /healthz, and, for a service that says `{ postgres: true }` (its config has the `database`
 * fragment), its Postgres pool (application_name `autoalex-${service}`) with the `postgres` check. A
 * service that does not use Postgres never connects to it. Registered first, they close last.
 */
export function connectInfrastructure(ctx: ServiceContext<RedisConfig>): Pick<Infrastructure, 'redis'>;
export function connectInfrastructure(
  ctx: ServiceContext<InfrastructureConfig>,
  use: { postgres: true },
): Infrastructure;
export function connectInfrastructure(
  ctx: ServiceContext<RedisConfig & Partial<DatabaseConfig>>,
  use: { postgres?: boolean } = {},
): Pick<Infrastructure, 'redis'> & Partial<Infrastructure> {
  const { config, health, logger, onShutdown, service } = ctx;
  const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:${service}` });
  onShutdown('redis', () => closeRedis(redis));
  health.register('redis', redisCheck(redis));
  if (!use.postgres) return { redis };
  if (!config.DATABASE_URL) throw new Error(`${service}: { postgres: true } needs the database config fragment`);
  const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: `autoalex-${service}` });
  onShutdown('postgres', () => pg.close());
  health.register('postgres', postgresCheck(pg.sql));
  return { redis, pg };
}

/**
 * A second Redis connection, of the request-path kind (ADR 0230), for what answers a user while
 * Redis may be away: the deadline guard's claims, /api/health, the HTTP response waiter's wake-ups.
 * Its commands fail within REQUEST_COMMAND_TIMEOUT_MS instead of waiting out an outage; the
 * service's own connection (`connectInfrastructure`) keeps waiting for workers and heartbeats.
 * `${QUEUE_PREFIX}:${service}:requests` in CLIENT LIST; closed on shutdown.
 */
export function useRequestRedis(
  ctx: Pick<ServiceContext<RedisConfig>, 'config' | 'logger' | 'onShutdown' | 'service'>,
): RequestRedis {
  const { config, logger, service } = ctx;
  const redis = createRequestRedis(config.REDIS_URL, {
    logger: logger.child({ connection: 'requests' }),
    connectionName: `${config.QUEUE_PREFIX}:${service}:requests`,
  });
  ctx.onShutdown('redis (requests)', () => closeRedis(redis));
  return redis;
}

/**
 * The last step of a worker's start: /healthz and /metrics on `port`, then the first heartbeat in
 * Redis (from then on the suite sees this replica).
 */
export async function startOps(
  ctx: ServiceContext<Pick<RedisConfig, 'QUEUE_PREFIX'>>,
  options: { port: number; redis: Redis },
): Promise<{ server: OpsServer; heartbeat: HeartbeatHandle }> {
  const server = await startOpsServer(ctx, { port: options.port });
  const heartbeat = await startHeartbeat(ctx, { redis: options.redis, queuePrefix: ctx.config.QUEUE_PREFIX });
  return { server, heartbeat };
}
