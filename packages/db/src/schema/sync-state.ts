import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/** Where each background sync stands, so a restarted worker resumes instead of starting over. */
export const syncState = pgTable('sync_state', {
  /** e.g. "tautulli:history", "plex:library:<machineIdentifier>". */
  source: text('source').primaryKey(),
  /** Opaque resume point (a timestamp, a row id, a page token). */
  cursor: text('cursor'),
  lastFullSyncAt: timestamptz('last_full_sync_at'),
  lastIncrementalSyncAt: timestamptz('last_incremental_sync_at'),
  lastError: text('last_error'),
  /** Counts from the last run, e.g. { artists: 120, albums: 900, tracks: 11000 }. */
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export type SyncState = typeof syncState.$inferSelect;
