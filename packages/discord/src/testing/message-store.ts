import { type FakeUser, type JsonObject, messageObject, type StoredAttachment } from './shapes.ts';
import type { FakeDiscordState, StoredMessage, UploadedFile } from './state.ts';

/** Creating and editing message objects the way Discord does, kept in the fake's state. */

export interface NewMessage {
  channelId: string;
  guildId: string | undefined;
  body: JsonObject;
  files: UploadedFile[];
  author: FakeUser;
  type: number;
  token?: string;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: JsonObject;
  /** `nonce` of a channel message: echoed in the message, and looked up for `enforce_nonce`. */
  nonce?: string | number;
}

/**
 * How long Discord remembers a nonce for `enforce_nonce`: the docs say "the past few minutes"
 * without a number; the fake uses five.
 */
export const NONCE_WINDOW_MS = 5 * 60_000;

export function createMessage(state: FakeDiscordState, input: NewMessage): StoredMessage {
  const id = state.snowflakes.next(state.now());
  const attachments = toAttachments(state, input.files, input.body);
  const message = messageObject(input.body, {
    id,
    channelId: input.channelId,
    guildId: input.guildId,
    author: input.author,
    type: input.type,
    webhookId: input.webhookId,
    applicationId: input.applicationId,
    interactionMetadata: input.interactionMetadata,
    attachments,
    baseUrl: state.baseUrl,
    timestamp: new Date(state.now()).toISOString(),
  });
  if (input.nonce !== undefined) message.nonce = input.nonce;
  const stored: StoredMessage = {
    message,
    channelId: input.channelId,
    token: input.token,
    attachments,
    deleted: false,
    nonce: input.nonce === undefined ? undefined : String(input.nonce),
    createdAt: state.now(),
  };
  state.messages.set(id, stored);
  state.events.emit('message', stored);
  return stored;
}

export function editMessage(
  state: FakeDiscordState,
  stored: StoredMessage,
  body: JsonObject,
  files: UploadedFile[],
): StoredMessage {
  const attachments = toAttachments(state, files, body);
  const previous = stored.message;
  stored.message = messageObject(
    body,
    {
      id: previous.id as string,
      channelId: stored.channelId,
      guildId: previous.guild_id as string | undefined,
      author: previous.author as unknown as FakeUser,
      type: previous.type as number,
      webhookId: previous.webhook_id as string | undefined,
      applicationId: previous.application_id as string | undefined,
      interactionMetadata: previous.interaction_metadata as JsonObject | undefined,
      attachments,
      baseUrl: state.baseUrl,
      timestamp: new Date(state.now()).toISOString(),
    },
    previous,
  );
  stored.attachments = [
    ...stored.attachments.filter((a) => (stored.message.attachments as JsonObject[]).some((m) => m.id === a.id)),
    ...attachments,
  ];
  state.events.emit('message', stored);
  return stored;
}

/** Files become attachments; `attachments[].filename/description` in the body name them. */
function toAttachments(state: FakeDiscordState, files: UploadedFile[], body: JsonObject): StoredAttachment[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as JsonObject[]) : [];
  return files.map((file) => {
    const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
    const meta = described.find((a) => String(a.id) === index);
    return {
      id: state.snowflakes.next(state.now()),
      filename: typeof meta?.filename === 'string' ? meta.filename : file.filename,
      size: file.size,
      contentType: file.contentType,
      bytes: file.bytes,
    };
  });
}

/**
 * Discord refuses a new message with nothing to show (50006): it needs one of content, embeds,
 * sticker_ids, components, files[n] or poll.
 */
export function isEmptyMessage(body: JsonObject, files: UploadedFile[]): boolean {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '');
  return (
    !has(body.content) &&
    !has(body.embeds) &&
    !has(body.sticker_ids) &&
    !has(body.components) &&
    !has(body.poll) &&
    files.length === 0
  );
}

export function liveMessage(state: FakeDiscordState, id: string | undefined): StoredMessage | undefined {
  if (id === undefined) return undefined;
  const stored = state.messages.get(id);
  return stored && !stored.deleted ? stored : undefined;
}

/**
 * The live message `authorId` created with `nonce` within NONCE_WINDOW_MS, if any: what Discord
 * answers instead of creating a second message when the request sets `enforce_nonce`.
 */
export function messageByNonce(state: FakeDiscordState, authorId: string, nonce: string): StoredMessage | undefined {
  const since = state.now() - NONCE_WINDOW_MS;
  for (const stored of state.messages.values()) {
    if (stored.deleted || stored.nonce !== nonce || stored.createdAt < since) continue;
    if ((stored.message.author as JsonObject | undefined)?.id === authorId) return stored;
  }
  return undefined;
}
