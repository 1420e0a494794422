import type { ConfigOf, discord, interactions } from '@autoalex/config';
import type { DiscordRest } from '@autoalex/discord';
import {
  createDeadlineGuard,
  createRestResponder,
  type DeadlineGuard,
  type GuardOutcome,
  type InteractionKind,
  redisClaims,
} from '@autoalex/ingress';
import type { ServiceContext } from '../context.ts';
import type { RequestRedis } from '../redis.ts';

type GuardConfig = Pick<ConfigOf<typeof discord>, 'DISCORD_API_URL'> &
  ConfigOf<typeof interactions> & { QUEUE_PREFIX: string };

export interface GuardDeps {
  /** The claims' connection: the request-path kind (`useRequestRedis`), so that they fail fast (ADR 0230). */
  redis: RequestRedis;
  /** The process's Discord REST client to share (the gateway's); else one without a token is made. */
  rest?: DiscordRest;
  onOutcome?: (outcome: GuardOutcome, kind: InteractionKind) => void;
}

/**
 * The interaction deadline guard of an ingress (ADR 0002) with INTERACTION_DEFER_AFTER_MS and
 * INTERACTION_BUSY_AFTER_MS. Its shutdown hook drains it: registered before the ingress closes, it
 * runs after, so every interaction received still gets its deferral.
 */
export function useDeadlineGuard(
  ctx: Pick<ServiceContext<GuardConfig>, 'config' | 'onShutdown' | 'logger'>,
  deps: GuardDeps,
): DeadlineGuard {
  const { config } = ctx;
  const guard = createDeadlineGuard({
    claims: redisClaims(deps.redis, config.QUEUE_PREFIX),
    responder: createRestResponder({ apiUrl: config.DISCORD_API_URL, rest: deps.rest }),
    deferAfterMs: config.INTERACTION_DEFER_AFTER_MS,
    busyAfterMs: config.INTERACTION_BUSY_AFTER_MS,
    logger: ctx.logger,
    onOutcome: deps.onOutcome,
  });
  ctx.onShutdown('deadline guard', () => guard.drain());
  return guard;
}
