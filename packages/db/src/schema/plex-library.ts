import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

// A mirror of the Plex music library, refreshed by the library-worker, so commands (autocomplete,
// /completion, battles) are answered from Postgres and never from a live Plex call.
// Rating keys are text (Plex sends strings; Tautulli sends integers: convert with String()).
// Rows are never deleted while a sync sees them gone: `deleted_at` is set, and cleared if they return.
// `plex_updated_at` is Plex's own updatedAt; `updated_at` is when this row was last written.

/** A Plex Media Server, by its machineIdentifier. */
export const plexServers = pgTable('plex_servers', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  machineIdentifier: text('machine_identifier').notNull().unique('plex_servers_machine_identifier_key'),
  name: text('name'),
  version: text('version'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  lastSeenAt: timestamptz('last_seen_at'),
});

/** A library section (only music sections, Plex type "artist", are mirrored). */
export const plexSections = pgTable(
  'plex_sections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    serverId: integer('server_id')
      .notNull()
      .references(() => plexServers.id, { onDelete: 'cascade' }),
    sectionKey: text('section_key').notNull(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    agent: text('agent'),
    plexUpdatedAt: timestamptz('plex_updated_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [unique('plex_sections_server_section_key').on(t.serverId, t.sectionKey)],
);

const mirrored = () => ({
  serverId: integer('server_id')
    .notNull()
    .references(() => plexServers.id, { onDelete: 'cascade' }),
  sectionId: integer('section_id').references(() => plexSections.id, { onDelete: 'set null' }),
  ratingKey: text('rating_key').notNull(),
  title: text('title').notNull(),
  thumb: text('thumb'),
  addedAt: timestamptz('added_at'),
  plexUpdatedAt: timestamptz('plex_updated_at'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  deletedAt: timestamptz('deleted_at'),
});

export const plexArtists = pgTable(
  'plex_artists',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ...mirrored(),
    sortTitle: text('sort_title'),
    /** MusicBrainz artist id from the `mbid://` guid. */
    musicbrainzId: text('musicbrainz_id'),
    /** Number of albums (Plex childCount). */
    childCount: integer('child_count'),
  },
  (t) => [
    unique('plex_artists_server_rating_key').on(t.serverId, t.ratingKey),
    index('plex_artists_title_idx').on(sql`lower(${t.title})`),
    index('plex_artists_musicbrainz_idx').on(t.musicbrainzId),
    // Autocomplete by substring (pg_trgm, created by migration 0001).
    index('plex_artists_title_trgm_idx').using('gin', sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

export const plexAlbums = pgTable(
  'plex_albums',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ...mirrored(),
    /** The album artist's rating key. */
    parentRatingKey: text('parent_rating_key'),
    /** The album artist's name (Plex parentTitle). */
    albumArtist: text('album_artist'),
    year: integer('year'),
    /** MusicBrainz release (or release group) id from the `mbid://` guid. */
    musicbrainzId: text('musicbrainz_id'),
    /** Number of tracks (Plex leafCount). */
    leafCount: integer('leaf_count'),
    durationMs: integer('duration_ms'),
    summary: text('summary'),
  },
  (t) => [
    unique('plex_albums_server_rating_key').on(t.serverId, t.ratingKey),
    index('plex_albums_parent_idx').on(t.serverId, t.parentRatingKey),
    index('plex_albums_title_idx').on(sql`lower(${t.title})`),
  ],
);

export const plexTracks = pgTable(
  'plex_tracks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ...mirrored(),
    /** The album's rating key. */
    parentRatingKey: text('parent_rating_key'),
    /** The album artist's rating key. */
    grandparentRatingKey: text('grandparent_rating_key'),
    albumTitle: text('album_title'),
    /** Album artist name (Plex grandparentTitle). */
    albumArtist: text('album_artist'),
    /** Track artist when it differs from the album artist (Plex originalTitle), else null. */
    trackArtist: text('track_artist'),
    trackNumber: integer('track_number'),
    discNumber: integer('disc_number'),
    /** MusicBrainz recording id from the `mbid://` guid. */
    musicbrainzId: text('musicbrainz_id'),
    durationMs: integer('duration_ms'),
    /** Media[0].Part[0].key, for downloads (remix). */
    partKey: text('part_key'),
  },
  (t) => [
    unique('plex_tracks_server_rating_key').on(t.serverId, t.ratingKey),
    index('plex_tracks_album_artist_idx').on(t.serverId, t.grandparentRatingKey),
    index('plex_tracks_album_idx').on(t.serverId, t.parentRatingKey),
    index('plex_tracks_track_artist_idx').on(sql`lower(${t.trackArtist})`).where(sql`${t.trackArtist} is not null`),
    index('plex_tracks_title_idx').on(sql`lower(${t.title})`),
    index('plex_tracks_musicbrainz_idx').on(t.musicbrainzId),
    // Autocomplete by substring (pg_trgm, created by migration 0001).
    index('plex_tracks_title_trgm_idx').using('gin', sql`lower(${t.title}) gin_trgm_ops`),
    index('plex_tracks_track_artist_trgm_idx')
      .using('gin', sql`lower(${t.trackArtist}) gin_trgm_ops`)
      .where(sql`${t.trackArtist} is not null`),
  ],
);

export type PlexServer = typeof plexServers.$inferSelect;
export type PlexSection = typeof plexSections.$inferSelect;
export type PlexArtist = typeof plexArtists.$inferSelect;
export type PlexAlbum = typeof plexAlbums.$inferSelect;
export type PlexTrack = typeof plexTracks.$inferSelect;
