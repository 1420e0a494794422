import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps, timestamptz } from './columns.ts';
import { songs } from './songs.ts';
import { users } from './users.ts';

/** A user's playlist of songs. At most one per user is active (what /play playlist uses by default). */
export const playlists = pgTable(
  'playlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    unique('playlists_owner_name_key').on(t.ownerUserId, t.name),
    uniqueIndex('playlists_one_active_per_user').on(t.ownerUserId).where(sql`${t.isActive}`),
    check('playlists_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/** Ordered entries; positions are 0-based and unique within a playlist. */
export const playlistItems = pgTable(
  'playlist_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    playlistId: uuid('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    songId: uuid('song_id')
      .notNull()
      .references(() => songs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
  },
  (t) => [
    unique('playlist_items_position_key').on(t.playlistId, t.position),
    index('playlist_items_song_idx').on(t.songId),
    check('playlist_items_position_nonnegative', sql`${t.position} >= 0`),
  ],
);

export type Playlist = typeof playlists.$inferSelect;
export type PlaylistItem = typeof playlistItems.$inferSelect;
