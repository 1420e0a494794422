import { consoleReply, type InteractionJob, type Logger, type ReplyTarget, replyTarget } from '@autoalex/contracts';
import {
  type AnswerTarget,
  createResponder,
  type DiscordRest,
  interactionTokenExpiresAt,
  type Responder,
} from '@autoalex/discord';
import { pushHttpResponse } from '@autoalex/ingress';
import type { Redis } from 'ioredis';
import { actorOf, attachmentSizeLimitOf } from './interaction.ts';

export interface ResponderForDeps {
  readonly rest: DiscordRest;
  readonly redis: Redis;
  readonly queuePrefix: string;
}

/**
 * Where this interaction is answered: the console session (a console interaction's token is its
 * session id), or the Discord interaction with its token's expiry, channel (when it has one) and
 * attachment size limit. Undefined when a console interaction does not name a valid session.
 */
export function answerTargetOf(job: InteractionJob): AnswerTarget | undefined {
  const { interaction } = job;
  if (job.source === 'console') {
    const target = consoleReply.safeParse({
      kind: 'console',
      sessionId: interaction.token,
      interactionId: interaction.id,
    });
    return target.success ? target.data : undefined;
  }
  return {
    kind: 'discord',
    applicationId: interaction.application_id,
    interactionToken: interaction.token,
    channelId: actorOf(interaction).channelId,
    attachmentSizeLimit: attachmentSizeLimitOf(interaction),
    tokenExpiresAt: interactionTokenExpiresAt(interaction.id, job.receivedAt),
  };
}

/**
 * Where a worker answers this interaction later (a job's `reply`): the same target, when it is a
 * complete reply target. Undefined when there is none (a console token that is not a session id, a
 * Discord interaction without a channel).
 */
export function replyTargetFor(job: InteractionJob): ReplyTarget | undefined {
  const target = answerTargetOf(job);
  const parsed = target === undefined ? undefined : replyTarget.safeParse(target);
  return parsed?.success ? parsed.data : undefined;
}

/**
 * The responder for an interaction job, by @autoalex/discord's `createResponder` like every other
 * answer of the suite; the initial response of an HTTP interaction goes through
 * `{p}:ix:{id}:http` (the ingress holds Discord's request). Undefined when nobody can be answered.
 */
export function responderFor(deps: ResponderForDeps, job: InteractionJob, log: Logger): Responder | undefined {
  const { interaction } = job;
  const target = answerTargetOf(job);
  if (target === undefined) return undefined;
  const { redis, queuePrefix } = deps;
  return createResponder(target, {
    rest: deps.rest,
    redis,
    queuePrefix,
    meta: job.meta,
    interactionId: interaction.id,
    initial:
      job.source === 'http'
        ? { send: (body) => pushHttpResponse(redis, queuePrefix, interaction.id, body as { type: number }) }
        : undefined,
    logger: log,
  });
}
