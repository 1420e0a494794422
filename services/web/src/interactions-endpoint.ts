import { createListWaiter, type HttpInteractionsOptions } from '@autoalex/ingress';
import { createRedis, type RequestRedis, reportDisabled, type ServiceContext } from '@autoalex/runtime';
import { useBus } from '@autoalex/runtime/integrations/bus';
import { useDeadlineGuard } from '@autoalex/runtime/integrations/deadline-guard';
import type { Config } from './config.ts';

/**
 * Discord HTTP interactions (POST /interactions), when DISCORD_PUBLIC_KEY is set: publish, hold the
 * request, guard the deadline (ADR 0002). Off, the gateway receives interactions. The guard's claims
 * and the waiter's wake-ups go over `requests`, the request-path connection that fails fast while
 * Redis is away (ADR 0230); the waiter's BLPOP has a connection of its own that waits.
 */
export function useInteractionsEndpoint(
  ctx: ServiceContext<Config>,
  requests: RequestRedis,
): HttpInteractionsOptions | undefined {
  const { config, logger, onShutdown } = ctx;
  if (!config.DISCORD_PUBLIC_KEY) {
    reportDisabled(
      ctx,
      'http-interactions',
      'DISCORD_PUBLIC_KEY is not set: the HTTP interactions endpoint is off (the gateway receives interactions)',
    );
    return undefined;
  }
  const bus = useBus(ctx);
  const guard = useDeadlineGuard(ctx, { redis: requests });
  const blocking = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:web:ix-wait` });
  const waiter = createListWaiter({ blocking, control: requests, prefix: config.QUEUE_PREFIX, logger });
  onShutdown('interaction response waiter', () => waiter.close());
  return { publicKey: config.DISCORD_PUBLIC_KEY, bus, guard, waiter, queuePrefix: config.QUEUE_PREFIX, logger };
}
