import type { DiscordRest } from '@autoalex/discord';
import { interactionKeys, redisClaims } from '@autoalex/ingress';
import { readSuiteHealth } from '@autoalex/runtime';
import type { Redis } from 'ioredis';
import { buildCommandRegistry } from './commands/index.ts';
import { loadComponentState, saveComponentState } from './component-state.ts';
import { buildComponentRegistry } from './components/index.ts';
import type { InteractionServiceDeps } from './handle-interaction.ts';
import { type RateLimits, takeRateLimit } from './rate-limit.ts';
import { responderFor } from './responder-for.ts';

export interface ServiceDepsOptions {
  redis: Redis;
  queuePrefix: string;
  rest: DiscordRest;
  instance: string;
  limits: RateLimits;
  logger: { warn(fields: object, message: string): void };
  onOutcome?: InteractionServiceDeps['onOutcome'];
  now?: () => number;
}

/**
 * Everything the interaction handler needs, over one Redis connection. Builds the command and
 * component registries, so it throws when a catalogue command has no handler (or two).
 */
export function createServiceDeps(options: ServiceDepsOptions): InteractionServiceDeps {
  const { redis, queuePrefix, limits } = options;
  return {
    registries: { commands: buildCommandRegistry(), components: buildComponentRegistry() },
    claims: redisClaims(redis, queuePrefix),
    readHandled: (id) => redis.get(interactionKeys(queuePrefix, id).handled),
    instance: options.instance,
    rateLimit: (who) => takeRateLimit(redis, queuePrefix, limits, who),
    responderFor: (job, log) => responderFor({ rest: options.rest, redis, queuePrefix }, job, log),
    saveState: (prefix, state) => saveComponentState(redis, queuePrefix, prefix, state),
    loadState: (id) => loadComponentState(redis, queuePrefix, id),
    readHealth: () => readSuiteHealth(redis, queuePrefix, { logger: options.logger }),
    now: options.now ?? Date.now,
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  };
}
