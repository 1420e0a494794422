import {
  type ConsoleMessage,
  consoleMessage,
  type consoleReply,
  consoleStreamKey,
  type Meta,
} from '@autoalex/contracts';
import { type APIInteractionResponse, InteractionResponseType } from 'discord-api-types/v10';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { CONSOLE_DATA_FIELD, CONSOLE_FINAL_FIELD, CONSOLE_STREAM_TTL_MS, type ConsoleFinal } from './console-stream.ts';
import { autocompleteChoices } from './discord-responder.ts';
import { ResponderError } from './errors.ts';
import { EPHEMERAL, messageBody } from './message.ts';
import type { Outcome, OutgoingMessage, Responder } from './types.ts';

export type ConsoleTarget = z.infer<typeof consoleReply>;

export interface ConsoleResponderOptions {
  readonly redis: Redis;
  readonly queuePrefix: string;
  readonly target: ConsoleTarget;
  /** Carried by every answer (correlation id, requester). */
  readonly meta: Meta;
  readonly streamTtlMs?: number;
}

/**
 * Answers a `bin/alex` session: every call becomes one `consoleMessage` on the session's stream,
 * with the body Discord would have received; `complete()` writes the final marker.
 */
export function createConsoleResponder(options: ConsoleResponderOptions): Responder {
  const { redis, target, meta } = options;
  const key = consoleStreamKey(options.queuePrefix, target.sessionId);
  const ttl = options.streamTtlMs ?? CONSOLE_STREAM_TTL_MS;
  let responded = false;
  let completed = false;

  /** Appends one entry and renews the stream's expiry; resolves to the entry id. */
  async function append(field: string, value: string): Promise<string> {
    const results = await redis.multi().xadd(key, '*', field, value).pexpire(key, ttl).exec();
    const [added] = results ?? [];
    if (!added || added[0]) throw added?.[0] ?? new Error(`could not write to the console stream ${key}`);
    return String(added[1]);
  }

  async function write(
    kind: ConsoleMessage['kind'],
    body: Record<string, unknown>,
    message?: OutgoingMessage,
  ): Promise<string> {
    const files = (message?.files ?? []).flatMap((file) =>
      file.storageKey === undefined ? [] : [{ storageKey: file.storageKey, filename: file.name }],
    );
    const entry = consoleMessage.parse({
      sessionId: target.sessionId,
      interactionId: target.interactionId,
      kind,
      body,
      files,
      meta,
    });
    return append(CONSOLE_DATA_FIELD, JSON.stringify(entry));
  }

  /** The message body, with each file's size (the console shows files; it never gets their bytes). */
  function body(message: OutgoingMessage, ephemeral: boolean): Record<string, unknown> {
    const json = messageBody(message, { ephemeral }) as Record<string, unknown>;
    const files = message.files ?? [];
    if (files.length > 0) {
      json.attachments = files.map((file, index) => ({
        id: String(index),
        filename: file.name,
        size: file.data.byteLength,
        ...(file.description !== undefined ? { description: file.description } : {}),
      }));
    }
    return json;
  }

  async function callback(response: APIInteractionResponse): Promise<void> {
    if (responded) throw new ResponderError('already-responded', 'the initial response was already sent');
    responded = true;
    await write('callback', response as unknown as Record<string, unknown>);
  }

  async function initialMessage(
    type: InteractionResponseType.ChannelMessageWithSource | InteractionResponseType.UpdateMessage,
    message: OutgoingMessage,
  ): Promise<void> {
    if (responded) throw new ResponderError('already-responded', 'the initial response was already sent');
    responded = true;
    const fresh = type === InteractionResponseType.ChannelMessageWithSource;
    await write('callback', { type, data: body(message, fresh) }, message);
  }

  return {
    kind: 'console',
    reply: (message) => initialMessage(InteractionResponseType.ChannelMessageWithSource, message),
    update: (message) => initialMessage(InteractionResponseType.UpdateMessage, message),
    defer: ({ ephemeral = false } = {}) =>
      callback({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: ephemeral ? { flags: EPHEMERAL } : {},
      }),
    deferUpdate: () => callback({ type: InteractionResponseType.DeferredMessageUpdate }),
    modal: (modal) => callback({ type: InteractionResponseType.Modal, data: modal }),
    autocomplete: (choices) =>
      callback({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: autocompleteChoices(choices) },
      }),
    // The console has no message ids: a message is named by its stream entry id.
    async editOriginal(message) {
      return { id: await write('edit', body(message, false), message), channelId: undefined };
    },
    async followUp(message) {
      return { id: await write('followup', body(message, true), message), channelId: undefined };
    },
    // The console shows a transcript: nothing to take back.
    async deleteOriginal() {},
    async complete(outcome: Outcome = 'ok') {
      if (completed) return;
      completed = true;
      const final: ConsoleFinal = { interactionId: target.interactionId, outcome };
      await append(CONSOLE_FINAL_FIELD, JSON.stringify(final));
    },
  };
}
