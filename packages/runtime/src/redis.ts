import { producerOptions } from '@autoalex/contracts';
import { Redis } from 'ioredis';
import { describeError } from './health.ts';
import type { Logger } from './logger.ts';

export type { Redis } from 'ioredis';

/**
 * A connection made by `createRequestRedis`: commands fail at once while Redis is away. What
 * answers a user (the deadline guard, /api/health) asks for this kind, so that it cannot be handed
 * a connection that waits out an outage (ADR 0230).
 */
export type RequestRedis = Redis & { readonly __requestPath: true };

export interface RedisSettings {
  logger: Logger;
  /** Shown in CLIENT LIST, e.g. "autoalex:gateway". */
  connectionName?: string;
}

export interface RequestRedisSettings extends RedisSettings {
  /** Longest wait for one command (or for connecting) before it fails. Default 500 ms. */
  commandTimeoutMs?: number;
}

/** How long a request-path command may take: well inside Discord's 3 s, with room for a REST call after it. */
export const REQUEST_COMMAND_TIMEOUT_MS = 500;

/**
 * The worker/bus kind: an ioredis connection from REDIS_URL that reconnects forever and never
 * throws on a lost connection (`maxRetriesPerRequest: null`, as BullMQ workers need): commands wait
 * in the offline queue and run once Redis is back. For workers, heartbeats and anything that may
 * wait; never for a path that answers a user. Connection loss is logged once per outage, never
 * with the URL (it may hold a password).
 */
export function createRedis(url: string, settings: RedisSettings): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: settings.connectionName,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  logOutages(redis, settings.logger);
  return redis;
}

/**
 * The request-path kind (ADR 0230): no offline queue, nothing re-sent after a drop, and each
 * command bounded by `commandTimeoutMs`, so that while Redis is away a command fails within that
 * time instead of hanging the request. It keeps reconnecting in the background.
 */
export function createRequestRedis(url: string, settings: RequestRedisSettings): RequestRedis {
  const timeout = settings.commandTimeoutMs ?? REQUEST_COMMAND_TIMEOUT_MS;
  const redis = new Redis(url, {
    ...producerOptions(url, timeout),
    connectionName: settings.connectionName,
  });
  logOutages(redis, settings.logger);
  return redis as RequestRedis;
}

function logOutages(redis: Redis, logger: Logger): void {
  let down = false;
  redis.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ detail: describeError(err) }, 'redis: connection failed; retrying');
  });
  redis.on('ready', () => {
    if (down) logger.info('redis: connected again');
    down = false;
  });
}

/** QUIT when connected (waits for replies in flight), otherwise drops the socket and stops reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through to a hard disconnect
    }
  }
  redis.disconnect(false);
}
