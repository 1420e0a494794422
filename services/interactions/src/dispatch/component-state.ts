import {
  type CustomId,
  type CustomIdPrefix,
  customId,
  INTERACTION_TOKEN_LIFETIME_MS,
  newStateKey,
} from '@autoalex/discord';
import type { Redis } from 'ioredis';

// Component state lives in Redis with a TTL (conventions §9); the custom_id carries only its key.
// A button whose state is gone has expired.

/** How long a component keeps working by default: as long as the interaction token. */
export const COMPONENT_STATE_TTL_SECONDS = INTERACTION_TOKEN_LIFETIME_MS / 1000;

function stateKey(queuePrefix: string, id: CustomId): string {
  return `${queuePrefix}:component:${id.prefix}:${id.stateKey}`;
}

/** Stores `state` and returns the custom_id that finds it again. */
export async function saveComponentState(
  redis: Redis,
  queuePrefix: string,
  prefix: CustomIdPrefix,
  state: unknown,
  ttlSeconds: number = COMPONENT_STATE_TTL_SECONDS,
): Promise<string> {
  const key = newStateKey();
  await redis.set(stateKey(queuePrefix, { prefix, stateKey: key }), JSON.stringify(state), 'EX', ttlSeconds);
  return customId(prefix, key);
}

/** The state behind a custom_id, or undefined when it expired (or never existed). */
export async function loadComponentState(redis: Redis, queuePrefix: string, id: CustomId): Promise<unknown> {
  const raw = await redis.get(stateKey(queuePrefix, id));
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
