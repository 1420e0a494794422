import type { DiscordRest } from '@autoalex/discord';
import { interactionKeys, redisClaims } from '@autoalex/ingress';
import { loadComponentState } from './dispatch/component-state.ts';
import type { DispatchDeps } from './dispatch/handle-interaction.ts';
import { type RateLimits, takeRateLimit } from './dispatch/rate-limit.ts';
import { responderFor } from './dispatch/reply.ts';
import { type FeatureDeps, featureDeps, featureRegistries } from './features/index.ts';
import type { Resources } from './features/resources.ts';

export interface ServiceDepsOptions extends Resources {
  readonly rest: DiscordRest;
  readonly instance: string;
  readonly limits: RateLimits;
  readonly onOutcome?: DispatchDeps['onOutcome'];
}

/**
 * Everything the dispatcher needs, over one Redis connection, with every feature's deps made from
 * the same resources (or given, in tests). Builds the registries, so it throws when a catalogue
 * command has no handler (or two).
 */
export function createServiceDeps(
  options: ServiceDepsOptions,
  features: FeatureDeps = featureDeps(options),
): DispatchDeps {
  const { redis, queuePrefix, limits } = options;
  return {
    registries: featureRegistries(features),
    claims: redisClaims(redis, queuePrefix),
    readHandled: (id) => redis.get(interactionKeys(queuePrefix, id).handled),
    instance: options.instance,
    rateLimit: (who) => takeRateLimit(redis, queuePrefix, limits, who),
    responderFor: (job, log) => responderFor({ rest: options.rest, redis, queuePrefix }, job, log),
    loadState: (id) => loadComponentState(redis, queuePrefix, id),
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  };
}
