import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

// A mirror of Tautulli's play history for music, synced incrementally (by user and date window,
// never by large offsets), so /completion and battles are answered from Postgres.

/** A Plex account as Tautulli knows it. */
export const plexUsers = pgTable('plex_users', {
  /** Tautulli's user_id (the Plex account id). */
  plexUserId: integer('plex_user_id').primaryKey(),
  username: text('username').notNull(),
  friendlyName: text('friendly_name'),
  thumb: text('thumb'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** One Tautulli history row (a play). Rating keys are text, converted from Tautulli's integers. */
export const listeningHistory = pgTable(
  'listening_history',
  {
    /** Tautulli's row_id; unique, so re-syncing a window is an upsert. */
    rowId: bigint('row_id', { mode: 'number' }).primaryKey(),
    plexUserId: integer('plex_user_id').notNull(),
    mediaType: text('media_type').notNull(),
    ratingKey: text('rating_key').notNull(),
    /** Album for tracks. */
    parentRatingKey: text('parent_rating_key'),
    /** Artist for tracks. */
    grandparentRatingKey: text('grandparent_rating_key'),
    title: text('title'),
    parentTitle: text('parent_title'),
    grandparentTitle: text('grandparent_title'),
    /** Track artist at play time (Tautulli original_title), when it differs from the album artist. */
    originalTitle: text('original_title'),
    /** Track number and disc at play time (Tautulli media_index / parent_media_index), for re-linking. */
    mediaIndex: integer('media_index'),
    parentMediaIndex: integer('parent_media_index'),
    /**
     * The live plex_tracks row this play counts for (ADR 0141): the track with this rating key, or,
     * once Plex re-added the item under a new key, its successor. Null while no live track matches.
     * No foreign key: tracks are only ever soft-deleted, and 1,000,000 plays insert faster without it.
     */
    trackId: integer('track_id'),
    startedAt: timestamptz('started_at').notNull(),
    stoppedAt: timestamptz('stopped_at'),
    /** Seconds actually played (Tautulli `duration`), not the track length. */
    durationPlayedS: integer('duration_played_s').notNull().default(0),
    percentComplete: integer('percent_complete').notNull().default(0),
    /** Tautulli watched_status: 0, 0.5 or 1. */
    watchedStatus: doublePrecision('watched_status').notNull().default(0),
    syncedAt: timestamptz('synced_at').notNull().defaultNow(),
  },
  (t) => [
    index('listening_history_user_artist_idx').on(t.plexUserId, t.grandparentRatingKey),
    index('listening_history_started_idx').on(t.startedAt),
    index('listening_history_user_started_idx').on(t.plexUserId, t.startedAt),
    index('listening_history_rating_key_idx').on(t.ratingKey),
    index('listening_history_track_user_idx').on(t.trackId, t.plexUserId),
    index('listening_history_unlinked_idx').on(t.plexUserId).where(sql`${t.trackId} is null`),
  ],
);

export type PlexUser = typeof plexUsers.$inferSelect;
export type ListeningHistoryRow = typeof listeningHistory.$inferSelect;
export type NewListeningHistoryRow = typeof listeningHistory.$inferInsert;
