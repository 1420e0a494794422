import type { Redis } from 'ioredis';
import type { Check } from '../health.ts';

/** PING over the service's connection; `down` at once while ioredis is not connected. */
export function redisCheck(redis: Redis): Check {
  return async () => {
    if (redis.status !== 'ready') return { status: 'down', detail: `not connected (${redis.status})` };
    const answer = await redis.ping();
    return answer === 'PONG'
      ? { status: 'ok', detail: 'PING answered' }
      : { status: 'down', detail: 'unexpected PING answer' };
  };
}
