import type { Redis } from 'ioredis';
import { INTERACTION_KEY_TTL_MS, interactionKeys } from './keys.ts';

/** The ownership race of ADR 0002: `SET key value NX PX 15min`, decided once per interaction. */
export interface ClaimStore {
  /** True when this caller set the key first; rejects when Redis does not answer. */
  claim(interactionId: string, which: 'ack' | 'handled', value: string): Promise<boolean>;
}

export function redisClaims(redis: Redis, prefix: string): ClaimStore {
  return {
    async claim(interactionId, which, value) {
      const key = interactionKeys(prefix, interactionId)[which];
      const result = await redis.set(key, value, 'PX', INTERACTION_KEY_TTL_MS, 'NX');
      return result === 'OK';
    },
  };
}
