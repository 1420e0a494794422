import { LOOP_MODES, VOLUME } from '@autoalex/terms/player';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { sqlList, timestamptz } from './columns.ts';

/** One entry of a guild's play queue: a generated song or a Plex library track. */
export const queueItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('song'),
    songId: z.uuid(),
    title: z.string(),
    durationMs: z.number().int().nonnegative().optional(),
    requestedBy: z.string().regex(/^\d{17,20}$/),
  }),
  z.object({
    kind: z.literal('plex'),
    ratingKey: z.string().min(1),
    title: z.string(),
    durationMs: z.number().int().nonnegative().optional(),
    requestedBy: z.string().regex(/^\d{17,20}$/),
  }),
]);
export type QueueItem = z.infer<typeof queueItemSchema>;
export const queueItemsSchema = z.array(queueItemSchema);

/**
 * The Postgres copy of a guild's player state (Redis holds the live one), so a restarted player
 * resumes where it was. `current_index` points into `items`.
 */
export const guildQueueState = pgTable(
  'guild_queue_state',
  {
    guildId: text('guild_id').primaryKey(),
    voiceChannelId: text('voice_channel_id'),
    textChannelId: text('text_channel_id'),
    items: jsonb('items').$type<QueueItem[]>().notNull().default([]),
    currentIndex: integer('current_index'),
    positionMs: bigint('position_ms', { mode: 'number' }).notNull().default(0),
    loopMode: text('loop_mode', { enum: LOOP_MODES }).notNull().default('off'),
    volume: integer('volume').notNull().default(VOLUME.default),
    paused: boolean('paused').notNull().default(false),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('guild_queue_state_loop_mode_check', sql.raw(`loop_mode in (${sqlList(LOOP_MODES)})`)),
    check(
      'guild_queue_state_volume_range',
      sql`${t.volume} between ${sql.raw(String(VOLUME.min))} and ${sql.raw(String(VOLUME.max))}`,
    ),
    check('guild_queue_state_position_nonnegative', sql`${t.positionMs} >= 0`),
    check('guild_queue_state_current_index_nonnegative', sql`${t.currentIndex} is null or ${t.currentIndex} >= 0`),
  ],
);

export type GuildQueueState = typeof guildQueueState.$inferSelect;
