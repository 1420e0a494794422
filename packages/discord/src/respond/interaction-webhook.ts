import type { RawFile, REST } from '@discordjs/rest';
import type { APIMessage, RESTPostAPIInteractionCallbackWithResponseResult } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import { toRequestError } from './rest.ts';

// The four endpoints an interaction token opens. Every answer to an interaction goes through them:
// the full responder (discord-responder.ts) and the ingress's deadline guard. They authenticate with
// the interaction token, never the bot token, and a failure is a DiscordRequestError with the token
// masked (it travels in the URL).

/** One interaction's token and ids. */
export interface InteractionWebhookTarget {
  /** Only the initial callback needs it. */
  readonly interactionId?: string | undefined;
  readonly applicationId: string;
  readonly token: string;
}

/** A JSON body as Discord takes it: a callback (`{ type, data }`) or a message. */
export type WebhookBody = object;

export interface InteractionWebhook {
  /**
   * `POST /interactions/{id}/{token}/callback`: the initial response. With `withResponse`, Discord
   * returns the message it created (its id is then known for later edits).
   */
  callback(body: WebhookBody, options?: { files?: RawFile[]; withResponse?: boolean }): Promise<APIMessage | undefined>;
  /** `PATCH /webhooks/{application}/{token}/messages/@original`. */
  editOriginal(body: WebhookBody, files?: RawFile[]): Promise<APIMessage>;
  /** `POST /webhooks/{application}/{token}?wait=true`: a further message (Discord returns it). */
  followUp(body: WebhookBody, files?: RawFile[]): Promise<APIMessage>;
  /** `DELETE /webhooks/{application}/{token}/messages/@original`. */
  deleteOriginal(): Promise<void>;
}

/** The interaction-token endpoints of one interaction, over the process's REST client (its rate-limit buckets). */
export function interactionWebhook(rest: REST, target: InteractionWebhookTarget): InteractionWebhook {
  const { applicationId, token } = target;

  async function request<T>(what: string, send: () => Promise<unknown>): Promise<T> {
    try {
      return (await send()) as T;
    } catch (err) {
      throw toRequestError(err, what, token);
    }
  }

  return {
    async callback(body, options = {}) {
      const interactionId = target.interactionId;
      if (interactionId === undefined) throw new TypeError('interactionWebhook: a callback needs the interaction id');
      const type = (body as { type?: unknown }).type;
      const result = await request<RESTPostAPIInteractionCallbackWithResponseResult | undefined>(
        `interaction callback type ${String(type)}`,
        () =>
          rest.post(Routes.interactionCallback(interactionId, token), {
            body,
            files: options.files,
            auth: false,
            ...(options.withResponse ? { query: new URLSearchParams({ with_response: 'true' }) } : {}),
          }),
      );
      return result?.resource?.message;
    },
    editOriginal: (body, files) =>
      request<APIMessage>('edit of @original', () =>
        rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
          body,
          files,
          auth: false,
        }),
      ),
    followUp: (body, files) =>
      request<APIMessage>('follow-up', () =>
        rest.post(Routes.webhook(applicationId, token), {
          body,
          files,
          auth: false,
          query: new URLSearchParams({ wait: 'true' }),
        }),
      ),
    async deleteOriginal() {
      await request('delete of @original', () =>
        rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false }),
      );
    },
  };
}
