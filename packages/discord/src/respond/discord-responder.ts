import type { RawFile, REST } from '@discordjs/rest';
import { type APIInteractionResponse, type APIMessage, InteractionResponseType, Routes } from 'discord-api-types/v10';
import { ResponderError } from './errors.ts';
import { interactionWebhook } from './interaction-webhook.ts';
import { checkFileSizes, EPHEMERAL, isEphemeral, messageBody, restFiles } from './message.ts';
import { DiscordRequestError, toRequestError } from './rest.ts';
import type {
  AutocompleteChoice,
  ModalData,
  OutgoingMessage,
  Responder,
  ResponderLogger,
  SentMessage,
} from './types.ts';

/** Where a Discord answer goes: the fields of the `discord` reply target (ADR 0002). */
export interface DiscordTarget {
  readonly applicationId: string;
  readonly interactionToken: string;
  /** For the fallback after the token: ordinary bot messages here. */
  readonly channelId?: string | undefined;
  /** The original response's message id, when known: the fallback edits it. */
  readonly messageId?: string | undefined;
  /** The interaction's `attachment_size_limit` in bytes. */
  readonly attachmentSizeLimit: number;
  /** Epoch ms when the interaction token stops working (receipt + 15 min). */
  readonly tokenExpiresAt: number;
}

/**
 * Carries the initial response as JSON only, instead of the callback endpoint: an HTTP interaction's
 * response body goes back through the ingress (ADR 0002). Files cannot travel this way, so a
 * response with files is sent as a deferral here, then as an edit of `@original` with the files.
 */
export interface InitialSink {
  send(body: APIInteractionResponse): Promise<void>;
}

export interface DiscordResponderOptions {
  /** Shared per process (rate limits); the bot token on it enables the channel fallback. */
  readonly rest: REST;
  readonly target: DiscordTarget;
  /** Needed for the initial response; workers, which only edit and follow up, leave it out. */
  readonly interactionId?: string | undefined;
  readonly initial?: InitialSink | undefined;
  readonly logger?: ResponderLogger | undefined;
  readonly now?: (() => number) | undefined;
}

/** Codes meaning the interaction token no longer works: Unknown interaction, Invalid Webhook Token. */
const TOKEN_GONE = new Set([10062, 50027]);
const UNKNOWN_MESSAGE = 10008;
/** Stop using the token a little early: a request sent at 14:59.9 arrives after 15:00. */
const EXPIRY_MARGIN_MS = 5_000;

/** Answers over Discord REST; past the 15-minute token, with ordinary bot messages in the channel. */
export function createDiscordResponder(options: DiscordResponderOptions): Responder {
  const { rest, target, initial, logger } = options;
  const now = options.now ?? Date.now;
  const token = target.interactionToken;
  const webhook = interactionWebhook(rest, {
    interactionId: options.interactionId,
    applicationId: target.applicationId,
    token,
  });
  let responded = false;
  /** Ephemerality of the initial response, once sent; an ephemeral original never goes to the channel. */
  let originalEphemeral: boolean | undefined;
  let originalId = target.messageId;
  /** The channel message standing in for the original after the token ran out. */
  let channelOriginalId: string | undefined;

  const expired = () => now() >= target.tokenExpiresAt - EXPIRY_MARGIN_MS;

  async function request<T>(what: string, send: () => Promise<unknown>): Promise<T> {
    try {
      return (await send()) as T;
    } catch (err) {
      throw toRequestError(err, what, token);
    }
  }

  async function callback(body: APIInteractionResponse, files: RawFile[] = []): Promise<void> {
    const interactionId = options.interactionId;
    if (interactionId === undefined) {
      throw new ResponderError(
        'no-interaction',
        'this responder has no interaction id, so it cannot send an initial response; edit @original or follow up',
      );
    }
    if (responded) throw new ResponderError('already-responded', 'the initial response was already sent');
    responded = true;
    if (initial) {
      await initial.send(body);
      return;
    }
    const message = await webhook.callback(body, { files, withResponse: true });
    if (message) originalId = message.id;
  }

  /** An initial message response (type 4 or 7), through a deferral when the sink cannot carry files. */
  async function initialMessage(
    type: InteractionResponseType.ChannelMessageWithSource | InteractionResponseType.UpdateMessage,
    message: OutgoingMessage,
  ): Promise<void> {
    checkFileSizes(message.files, target.attachmentSizeLimit);
    const fresh = type === InteractionResponseType.ChannelMessageWithSource;
    const body = messageBody(message, { ephemeral: fresh });
    if (fresh) originalEphemeral = isEphemeral(message);
    if (initial && (message.files?.length ?? 0) > 0) {
      await callback(
        fresh
          ? {
              type: InteractionResponseType.DeferredChannelMessageWithSource,
              data: { flags: (body.flags ?? 0) & EPHEMERAL },
            }
          : { type: InteractionResponseType.DeferredMessageUpdate },
      );
      await editOriginal(message);
      return;
    }
    try {
      await callback({ type, data: body }, restFiles(message.files));
    } catch (err) {
      // Too late for the callback (past 3 s, or the token is gone): the channel is the only way left.
      if (fresh && tokenGone(err)) {
        await toChannel(message, 'edit', err.message);
        return;
      }
      throw err;
    }
  }

  async function editOriginal(message: OutgoingMessage): Promise<SentMessage | undefined> {
    checkFileSizes(message.files, target.attachmentSizeLimit);
    if (expired()) return toChannel(message, 'edit', 'the interaction token has expired');
    try {
      const sent = await webhook.editOriginal(messageBody(message, { ephemeral: false }), restFiles(message.files));
      originalId = sent.id;
      return { id: sent.id, channelId: sent.channel_id };
    } catch (err) {
      if (tokenGone(err)) return toChannel(message, 'edit', err.message);
      throw err;
    }
  }

  async function followUp(message: OutgoingMessage): Promise<SentMessage | undefined> {
    checkFileSizes(message.files, target.attachmentSizeLimit);
    if (expired()) return toChannel(message, 'post', 'the interaction token has expired');
    try {
      const sent = await webhook.followUp(messageBody(message, { ephemeral: true }), restFiles(message.files));
      return { id: sent.id, channelId: sent.channel_id };
    } catch (err) {
      if (tokenGone(err)) return toChannel(message, 'post', err.message);
      throw err;
    }
  }

  /**
   * The fallback after the token: an ordinary bot message in the channel, editing the one that
   * stands in for the original when there is one. An ephemeral answer is not made public: it is
   * skipped with a warning.
   */
  async function toChannel(message: OutgoingMessage, mode: 'edit' | 'post', why: string) {
    const ephemeral = isEphemeral(message) || (mode === 'edit' && originalEphemeral === true);
    if (ephemeral) {
      logger?.warn({ reason: why }, 'not posting an ephemeral answer in the channel after the interaction token');
      return undefined;
    }
    const channelId = target.channelId;
    if (channelId === undefined) {
      throw new ResponderError('cannot-fall-back', `${why}, and the reply target has no channel to post in`);
    }
    const body = messageBody(message, { ephemeral: false });
    const files = restFiles(message.files);
    const editId = mode === 'edit' ? (channelOriginalId ?? originalId) : undefined;
    try {
      if (editId !== undefined) {
        try {
          const edited = await request<APIMessage>('channel message edit', () =>
            rest.patch(Routes.channelMessage(channelId, editId), { body, files }),
          );
          channelOriginalId = edited.id;
          return { id: edited.id, channelId };
        } catch (err) {
          if (!(err instanceof DiscordRequestError && err.code === UNKNOWN_MESSAGE)) throw err;
        }
      }
      const posted = await request<APIMessage>('channel message', () =>
        rest.post(Routes.channelMessages(channelId), { body, files }),
      );
      if (mode === 'edit') channelOriginalId = posted.id;
      return { id: posted.id, channelId };
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new ResponderError('cannot-fall-back', `${why}; the channel message failed too: ${detail}`);
    }
  }

  return {
    kind: 'discord',
    reply: (message) => initialMessage(InteractionResponseType.ChannelMessageWithSource, message),
    update: (message) => initialMessage(InteractionResponseType.UpdateMessage, message),
    async defer({ ephemeral = false } = {}) {
      originalEphemeral = ephemeral;
      await callback({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: ephemeral ? { flags: EPHEMERAL } : {},
      });
    },
    deferUpdate: () => callback({ type: InteractionResponseType.DeferredMessageUpdate }),
    modal: (modal: ModalData) => callback({ type: InteractionResponseType.Modal, data: modal }),
    autocomplete: (choices: readonly AutocompleteChoice[]) =>
      callback({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: autocompleteChoices(choices) },
      }),
    editOriginal,
    followUp,
    async deleteOriginal() {
      if (!expired()) {
        try {
          await webhook.deleteOriginal();
          return;
        } catch (err) {
          if (!tokenGone(err)) throw err;
        }
      }
      const id = channelOriginalId ?? (originalEphemeral === true ? undefined : originalId);
      if (id === undefined || target.channelId === undefined) return;
      const channelId = target.channelId;
      await request('channel message delete', () => rest.delete(Routes.channelMessage(channelId, id)));
    },
    async complete() {},
  };
}

function tokenGone(err: unknown): err is DiscordRequestError {
  return err instanceof DiscordRequestError && err.code !== undefined && TOKEN_GONE.has(err.code);
}

/** At most 25 choices; names 1–100 characters, string values at most 100 (Discord's limits). */
export function autocompleteChoices(choices: readonly AutocompleteChoice[]): AutocompleteChoice[] {
  return choices.slice(0, 25).map((choice) => ({
    name: clip(choice.name, 100) || '…',
    value: typeof choice.value === 'string' ? clip(choice.value, 100) : choice.value,
  }));
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
