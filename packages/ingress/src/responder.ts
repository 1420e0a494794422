import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { InteractionResponseBody } from './responses.ts';

/** Who the guard talks to: Discord REST for gateway interactions, the held HTTP response for HTTP ones. */
export interface InteractionTarget {
  id: string;
  applicationId: string;
  token: string;
}

export interface Responder {
  /** The initial callback (`POST /interactions/{id}/{token}/callback`). */
  respond(target: InteractionTarget, body: InteractionResponseBody): Promise<void>;
  /** `PATCH /webhooks/{application}/{token}/messages/@original`. */
  editOriginal(target: InteractionTarget, message: Record<string, unknown>): Promise<void>;
  /** `POST /webhooks/{application}/{token}`: a follow-up message. */
  followUp(target: InteractionTarget, message: Record<string, unknown>): Promise<void>;
}

export interface RestResponderOptions {
  /** DISCORD_API_URL, e.g. https://discord.com/api (the version is added). */
  apiUrl: string;
  /** A configured @discordjs/rest client to share; otherwise one is made (no token needed). */
  rest?: REST;
}

/**
 * Interaction callbacks and interaction webhooks through @discordjs/rest: they authenticate with the
 * interaction token, not the bot token, and share the process's rate-limit buckets.
 */
export function createRestResponder(options: RestResponderOptions): Responder {
  const rest = options.rest ?? new REST({ api: options.apiUrl, version: '10' });
  return {
    async respond(target, body) {
      await rest.post(Routes.interactionCallback(target.id, target.token), { body, auth: false });
    },
    async editOriginal(target, message) {
      await rest.patch(Routes.webhookMessage(target.applicationId, target.token, '@original'), {
        body: message,
        auth: false,
      });
    },
    async followUp(target, message) {
      await rest.post(Routes.webhook(target.applicationId, target.token), { body: message, auth: false });
    },
  };
}
