import { type DiscordRest, discordApiBase, interactionWebhook } from '@autoalex/discord';
import { REST } from '@discordjs/rest';
import type { InteractionResponseBody } from './responses.ts';

/** Who the guard talks to: Discord REST for gateway interactions, the held HTTP response for HTTP ones. */
export interface InteractionTarget {
  id: string;
  applicationId: string;
  token: string;
}

/**
 * The guard's three calls, with the raw bodies of responses.ts. Not the `Responder` of
 * @autoalex/discord on purpose (ADR 0224): the guard is one object for every interaction, sends
 * bodies built from static data (the same JSON the HTTP ingress returns), and must never fall back
 * to a public channel message (the web ingress has no bot token, and "busy" is not worth one).
 */
export interface GuardResponder {
  /** The initial callback (`POST /interactions/{id}/{token}/callback`). */
  respond(target: InteractionTarget, body: InteractionResponseBody): Promise<void>;
  /** `PATCH /webhooks/{application}/{token}/messages/@original`. */
  editOriginal(target: InteractionTarget, message: Record<string, unknown>): Promise<void>;
  /** `POST /webhooks/{application}/{token}`: a follow-up message. */
  followUp(target: InteractionTarget, message: Record<string, unknown>): Promise<void>;
}

export interface RestResponderOptions {
  /** DISCORD_API_URL, e.g. https://discord.com/api (the version is added; a `/v10` given is not doubled). */
  apiUrl: string;
  /** A configured @discordjs/rest client to share; otherwise one is made (no token needed). */
  rest?: DiscordRest | undefined;
}

/**
 * The guard's calls on the interaction webhook of @autoalex/discord, the same REST plumbing every
 * answer uses: authenticated with the interaction token, sharing the process's rate-limit buckets,
 * failures as DiscordRequestError with the token masked.
 */
export function createRestResponder(options: RestResponderOptions): GuardResponder {
  const rest = options.rest ?? new REST({ api: discordApiBase(options.apiUrl), version: '10' });
  const webhook = (target: InteractionTarget) =>
    interactionWebhook(rest, { interactionId: target.id, applicationId: target.applicationId, token: target.token });
  return {
    async respond(target, body) {
      await webhook(target).callback(body);
    },
    async editOriginal(target, message) {
      await webhook(target).editOriginal(message);
    },
    async followUp(target, message) {
      await webhook(target).followUp(message);
    },
  };
}
