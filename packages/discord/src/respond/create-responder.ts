import type { Meta, ReplyTarget } from '@autoalex/contracts';
import type { REST } from '@discordjs/rest';
import type { Redis } from 'ioredis';
import { createConsoleResponder } from './console-responder.ts';
import { createDiscordResponder, type InitialSink } from './discord-responder.ts';
import type { Responder, ResponderLogger } from './types.ts';

export interface ResponderDeps {
  /** For `discord` targets: the process's REST client (with the bot token for the channel fallback). */
  readonly rest?: REST | undefined;
  /** For `console` targets: Redis and the suite's QUEUE_PREFIX. */
  readonly redis?: Redis | undefined;
  readonly queuePrefix?: string | undefined;
  /** The job's meta block; console answers carry it. */
  readonly meta: Meta;
  /** Only where the initial response is sent (the interactions service). */
  readonly interactionId?: string | undefined;
  readonly initial?: InitialSink | undefined;
  readonly logger?: ResponderLogger | undefined;
  readonly now?: (() => number) | undefined;
}

/**
 * The responder for a job's reply target: Discord REST for `discord`, the session's Redis stream for
 * `console`. Workers build one from `payload.reply` and answer with `editOriginal`/`followUp`.
 */
export function createResponder(target: ReplyTarget, deps: ResponderDeps): Responder {
  if (target.kind === 'console') {
    if (!deps.redis || deps.queuePrefix === undefined) {
      throw new TypeError('createResponder: a console reply target needs redis and queuePrefix');
    }
    return createConsoleResponder({ redis: deps.redis, queuePrefix: deps.queuePrefix, target, meta: deps.meta });
  }
  if (!deps.rest)
    throw new TypeError('createResponder: a discord reply target needs a REST client (createDiscordRest)');
  return createDiscordResponder({
    rest: deps.rest,
    target,
    interactionId: deps.interactionId,
    initial: deps.initial,
    logger: deps.logger,
    now: deps.now,
  });
}
