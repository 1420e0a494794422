import { SONG_STATUSES } from '@autoalex/terms/studio';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sqlList, timestamps } from './columns.ts';
import { users } from './users.ts';

/**
 * An AI-generated song. One provider task normally yields two songs; each is a row. Audio and cover
 * are copied into the suite's own storage (provider files expire), so `audio_key`/`cover_key` are
 * storage keys, never provider URLs. Genre and style are stored lower-case for the filters.
 */
export const songs = pgTable(
  'songs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerTaskId: text('provider_task_id').notNull(),
    /** Null until the provider names the song (before TEXT_SUCCESS). */
    providerSongId: text('provider_song_id'),
    status: text('status', { enum: SONG_STATUSES }).notNull().default('pending'),
    audioKey: text('audio_key'),
    coverKey: text('cover_key'),
    title: text('title').notNull().default(''),
    prompt: text('prompt').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    genre: text('genre'),
    style: text('style'),
    model: text('model'),
    instrumental: boolean('instrumental').notNull().default(false),
    durationMs: integer('duration_ms'),
    /** Guild where it was requested, for per-guild listings. */
    guildId: text('guild_id'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('songs_provider_song_key').on(t.provider, t.providerSongId).where(sql`${t.providerSongId} is not null`),
    index('songs_provider_task_idx').on(t.provider, t.providerTaskId),
    index('songs_owner_created_idx').on(t.ownerUserId, t.createdAt.desc()),
    index('songs_genre_idx').on(t.genre),
    index('songs_style_idx').on(t.style),
    index('songs_tags_idx').using('gin', t.tags),
    check('songs_status_check', sql.raw(`status in (${sqlList(SONG_STATUSES)})`)),
    check('songs_duration_nonnegative', sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
  ],
);

export type Song = typeof songs.$inferSelect;
export type NewSong = typeof songs.$inferInsert;
