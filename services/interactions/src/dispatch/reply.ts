import { consoleReply, discordReply, type InteractionJob, type Logger, type ReplyTarget } from '@autoalex/contracts';
import { createConsoleResponder, createDiscordResponder, type DiscordRest, type Responder } from '@autoalex/discord';
import { pushHttpResponse } from '@autoalex/ingress';
import type { Redis } from 'ioredis';
import { actorOf, attachmentSizeLimitOf } from './interaction.ts';

/** Discord's interaction token works for 15 minutes after the interaction was created. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface ResponderForDeps {
  readonly rest: DiscordRest;
  readonly redis: Redis;
  readonly queuePrefix: string;
}

/**
 * The responder for an interaction job, by source: the console session's stream (a console
 * interaction's token is its session id), or Discord — over the callback endpoint for gateway
 * interactions, through `{p}:ix:{id}:http` for HTTP ones (the ingress holds Discord's request).
 * Undefined when a console interaction does not name a valid session: nobody can be answered.
 */
export function responderFor(deps: ResponderForDeps, job: InteractionJob, log: Logger): Responder | undefined {
  const { interaction } = job;
  if (job.source === 'console') {
    const target = consoleReply.safeParse({
      kind: 'console',
      sessionId: interaction.token,
      interactionId: interaction.id,
    });
    if (!target.success) return undefined;
    return createConsoleResponder({
      redis: deps.redis,
      queuePrefix: deps.queuePrefix,
      target: target.data,
      meta: job.meta,
    });
  }
  const { redis, queuePrefix } = deps;
  return createDiscordResponder({
    rest: deps.rest,
    target: {
      applicationId: interaction.application_id,
      interactionToken: interaction.token,
      channelId: actorOf(interaction).channelId,
      attachmentSizeLimit: attachmentSizeLimitOf(interaction),
      tokenExpiresAt: createdAt(interaction.id, job.receivedAt) + TOKEN_LIFETIME_MS,
    },
    interactionId: interaction.id,
    initial:
      job.source === 'http'
        ? { send: (body) => pushHttpResponse(redis, queuePrefix, interaction.id, body as { type: number }) }
        : undefined,
    logger: log,
  });
}

/**
 * Where a worker answers this interaction (a job's `reply`): the console session, or the Discord
 * interaction with its token's expiry, channel and attachment size limit. Undefined when there is
 * no valid target (a console token that is not a session id, a Discord interaction without a channel).
 */
export function replyTargetFor(job: InteractionJob): ReplyTarget | undefined {
  const { interaction } = job;
  if (job.source === 'console') {
    const target = consoleReply.safeParse({
      kind: 'console',
      sessionId: interaction.token,
      interactionId: interaction.id,
    });
    return target.success ? target.data : undefined;
  }
  const target = discordReply.safeParse({
    kind: 'discord',
    applicationId: interaction.application_id,
    interactionToken: interaction.token,
    channelId: actorOf(interaction).channelId,
    attachmentSizeLimit: attachmentSizeLimitOf(interaction),
    tokenExpiresAt: createdAt(interaction.id, job.receivedAt) + TOKEN_LIFETIME_MS,
  });
  return target.success ? target.data : undefined;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord created the interaction (its id is a snowflake), never later than its receipt. */
export function createdAt(snowflake: string, receivedAt: number): number {
  const at = Number((BigInt(snowflake) >> 22n) + DISCORD_EPOCH);
  return at > 0 && at <= receivedAt ? at : receivedAt;
}
