import { z } from 'zod';
import { epochMs, snowflake } from './fields.ts';

/**
 * Where a worker answers a slow command. A Discord interaction token works for 15 minutes: past
 * `tokenExpiresAt` the worker must post an ordinary bot message in `channelId` (editing `messageId`
 * when set). `attachmentSizeLimit` is the interaction's `attachment_size_limit` in bytes.
 */
export const discordReply = z.object({
  kind: z.literal('discord'),
  applicationId: snowflake,
  interactionToken: z.string().min(1, 'must be the interaction token').max(1000),
  channelId: snowflake,
  messageId: snowflake.optional(),
  attachmentSizeLimit: z.number().int().positive('must be a positive number of bytes'),
  tokenExpiresAt: epochMs,
});

/** A command typed into `bin/alex`: the answer goes to that session's stream (see console.ts). */
export const consoleReply = z.object({
  kind: z.literal('console'),
  sessionId: z.uuid('must be the console session UUID'),
  interactionId: snowflake,
});

export const replyTarget = z.discriminatedUnion('kind', [discordReply, consoleReply]);

export type ReplyTarget = z.infer<typeof replyTarget>;
export type DiscordReply = z.infer<typeof discordReply>;
