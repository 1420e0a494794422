import type { RawFile } from '@discordjs/rest';
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { ResponderError } from './errors.ts';
import type { OutgoingFile, OutgoingMessage } from './types.ts';

/** Message flag: only the user who interacted sees it. */
export const EPHEMERAL = 1 << 6;

/** Discord's own limits for one message. */
export const MAX_FILES = 10;
export const MAX_CONTENT = 2000;
export const MAX_EMBEDS = 10;

/** A JSON message body as Discord takes it (interaction data, webhook and channel messages). */
export type MessageBody = APIInteractionResponseCallbackData;

export function isEphemeral(message: OutgoingMessage): boolean {
  return message.ephemeral === true || ((message.flags ?? 0) & EPHEMERAL) !== 0;
}

/**
 * The bytes one attachment may have: `attachment_size_limit` less 5 %, because Discord has been seen
 * to over-report it. Workers compare with this before deciding to upload or to send a link.
 */
export function usableAttachmentBytes(attachmentSizeLimit: number): number {
  return Math.floor(attachmentSizeLimit * 0.95);
}

/**
 * The JSON body of `message`. `ephemeral` keeps flag 64 (initial replies, follow-ups); edits,
 * updates and channel messages cannot change or carry it, so it is dropped there. Attachments are
 * described as `attachments[n]` matching the multipart parts `files[n]`.
 */
export function messageBody(message: OutgoingMessage, { ephemeral }: { ephemeral: boolean }): MessageBody {
  checkMessage(message);
  const files = message.files ?? [];
  let flags = message.flags ?? 0;
  if (message.ephemeral === true) flags |= EPHEMERAL;
  if (!ephemeral) flags &= ~EPHEMERAL;
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: [...message.embeds] } : {}),
    ...(message.components !== undefined ? { components: [...message.components] } : {}),
    allowed_mentions: message.allowed_mentions ?? { parse: [] },
    ...(flags !== 0 ? { flags } : {}),
    ...(files.length > 0
      ? {
          attachments: files.map((file, index) => ({
            id: String(index),
            filename: file.name,
            ...(file.description !== undefined ? { description: file.description } : {}),
          })),
        }
      : {}),
  };
}

/** The multipart parts for `files`, keyed `files[n]` as Discord expects. */
export function restFiles(files: readonly OutgoingFile[] | undefined): RawFile[] {
  return (files ?? []).map((file, index) => ({
    key: `files[${index}]`,
    name: file.name,
    data: file.data,
    ...(file.contentType !== undefined ? { contentType: file.contentType } : {}),
  }));
}

/** Throws ResponderError when a file is over the usable part of the limit. */
export function checkFileSizes(files: readonly OutgoingFile[] | undefined, attachmentSizeLimit: number): void {
  const usable = usableAttachmentBytes(attachmentSizeLimit);
  for (const file of files ?? []) {
    if (file.data.byteLength > usable) {
      throw new ResponderError(
        'attachment-too-large',
        `${file.name} is ${megabytes(file.data.byteLength)}; Discord accepts at most ${megabytes(usable)} here`,
      );
    }
  }
}

function checkMessage(message: OutgoingMessage): void {
  const files = message.files?.length ?? 0;
  if (files > MAX_FILES) {
    throw new ResponderError('invalid-message', `a message takes at most ${MAX_FILES} files, not ${files}`);
  }
  if ((message.content?.length ?? 0) > MAX_CONTENT) {
    throw new ResponderError('invalid-message', `a message takes at most ${MAX_CONTENT} characters of content`);
  }
  if ((message.embeds?.length ?? 0) > MAX_EMBEDS) {
    throw new ResponderError('invalid-message', `a message takes at most ${MAX_EMBEDS} embeds`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
