import type { EnvShape } from './define.ts';
import { core } from './fragments/core.ts';
import { type ServiceName, servicePort } from './fragments/ports.ts';
import { redis } from './fragments/redis.ts';

/**
 * A service's config shape: what every service reads (`core`, `redis` for the bus and heartbeats, its
 * port) plus what is particular to it. Postgres is not in the common part: a service that uses it
 * adds the `database` fragment (and connects with `connectInfrastructure(ctx, { postgres: true })`).
 */
export function serviceConfig<S extends ServiceName, F extends EnvShape>(
  service: S,
  own: F,
): typeof core & typeof redis & ReturnType<typeof servicePort<S>> & F {
  return { ...core, ...redis, ...servicePort(service), ...own };
}
