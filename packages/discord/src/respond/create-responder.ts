import type { Meta } from '@autoalex/contracts';
import type { REST } from '@discordjs/rest';
import type { Redis } from 'ioredis';
import { type ConsoleTarget, createConsoleResponder } from './console-responder.ts';
import { createDiscordResponder, type DiscordTarget, type InitialSink } from './discord-responder.ts';
import type { Responder, ResponderLogger } from './types.ts';

/**
 * Where an answer goes: a job's `reply` (ReplyTarget of @autoalex/contracts) fits as it is. The
 * interactions service answers interactions that may come without a channel (`channelId` optional):
 * only the fallback after the token needs one.
 */
export type AnswerTarget = ConsoleTarget | ({ readonly kind: 'discord' } & DiscordTarget);

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
 * The one way to get a responder: from a reply target. Discord REST for `discord`, the session's
 * Redis stream for `console`. Workers build one from `payload.reply` and answer with
 * `editOriginal`/`followUp`; the interactions service also gives `interactionId` (and, for an HTTP
 * interaction, the `initial` sink) to send the initial response.
 */
export function createResponder(target: AnswerTarget, deps: ResponderDeps): Responder {
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
