import { Redis } from 'ioredis';
import { describeError } from './health.ts';
import type { Logger } from './logger.ts';

export type { Redis } from 'ioredis';

export interface RedisSettings {
  logger: Logger;
  /** Shown in CLIENT LIST, e.g. "autoalex:gateway". */
  connectionName?: string;
}

/**
 * An ioredis connection from REDIS_URL that reconnects forever and never throws on a lost
 * connection (`maxRetriesPerRequest: null`, as BullMQ workers need). Connection loss is logged once
 * per outage, never with the URL (it may hold a password).
 */
export function createRedis(url: string, settings: RedisSettings): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: settings.connectionName,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let down = false;
  redis.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    settings.logger.warn({ detail: describeError(err) }, 'redis: connection failed; retrying');
  });
  redis.on('ready', () => {
    if (down) settings.logger.info('redis: connected again');
    down = false;
  });
  return redis;
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
