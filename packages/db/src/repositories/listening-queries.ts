import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

// Reads behind /completion and /compare (@autoalex/listening). Only live (not soft-deleted) tracks count;
// plays count through their linked track (listening_history.track_id, ADR 0141).

export interface ArtistRow {
  id: number;
  serverId: number;
  ratingKey: string;
  title: string;
  thumb: string | null;
  deleted: boolean;
}

const toArtist = (r: Record<string, unknown>): ArtistRow => ({
  id: Number(r.id),
  serverId: Number(r.server_id),
  ratingKey: String(r.rating_key),
  title: String(r.title),
  thumb: (r.thumb as string | null) ?? null,
  deleted: r.deleted_at !== null,
});

/** An artist row by rating key (live first; a deleted row is returned when nothing live has the key). */
export async function findArtistByKey(db: Db, ratingKey: string): Promise<ArtistRow | undefined> {
  const rows = await db.execute(sql`
    select id, server_id, rating_key, title, thumb, deleted_at from plex_artists
    where rating_key = ${ratingKey} order by (deleted_at is null) desc, id desc limit 1`);
  return rows[0] ? toArtist(rows[0]) : undefined;
}

/** Live artists whose name is `name`, case-insensitively. */
export async function findArtistsByName(db: Db, name: string): Promise<ArtistRow[]> {
  const rows = await db.execute(sql`
    select id, server_id, rating_key, title, thumb, deleted_at from plex_artists
    where deleted_at is null and lower(title) = lower(${name}) order by id`);
  return rows.map(toArtist);
}

/** The spelling of a track artist (Plex originalTitle) on live tracks, when one matches case-insensitively. */
export async function findTrackArtistName(db: Db, name: string): Promise<string | undefined> {
  const rows = await db.execute<{ track_artist: string }>(sql`
    select track_artist from plex_tracks
    where deleted_at is null and track_artist is not null and lower(track_artist) = lower(${name})
    limit 1`);
  return rows[0]?.track_artist;
}

export interface ArtistTrackRow {
  trackId: number;
  ratingKey: string;
  title: string;
  trackNumber: number | null;
  discNumber: number | null;
  albumRatingKey: string | null;
  albumTitle: string;
  albumArtist: string | null;
  trackArtist: string | null;
  albumYear: number | null;
  albumThumb: string | null;
}

/**
 * The artist's live tracks: those whose album artist is one of `artists` (server + rating key), and
 * those whose track artist (originalTitle) is `name`, case-insensitively — so a track on a
 * various-artists compilation counts for its own artist too.
 */
export async function artistTracks(
  db: Db,
  artists: ReadonlyArray<{ serverId: number; ratingKey: string }>,
  name: string,
): Promise<ArtistTrackRow[]> {
  const byAlbumArtist = artists.map(
    (a) => sql`(t.server_id = ${a.serverId} and t.grandparent_rating_key = ${a.ratingKey})`,
  );
  const byTrackArtist = sql`(t.track_artist is not null and lower(t.track_artist) = lower(${name}))`;
  const rows = await db.execute(sql`
    select t.id, t.rating_key, t.title, t.track_number, t.disc_number, t.parent_rating_key,
           coalesce(al.title, t.album_title) as album_title, coalesce(al.album_artist, t.album_artist) as album_artist,
           t.track_artist, al.year, coalesce(al.thumb, t.thumb) as album_thumb
    from plex_tracks t
    left join plex_albums al on al.server_id = t.server_id and al.rating_key = t.parent_rating_key
    where t.deleted_at is null and (${sql.join([...byAlbumArtist, byTrackArtist], sql` or `)})`);
  return rows.map((r) => ({
    trackId: Number(r.id),
    ratingKey: String(r.rating_key),
    title: String(r.title),
    trackNumber: r.track_number === null ? null : Number(r.track_number),
    discNumber: r.disc_number === null ? null : Number(r.disc_number),
    albumRatingKey: (r.parent_rating_key as string | null) ?? null,
    albumTitle: String(r.album_title ?? ''),
    albumArtist: (r.album_artist as string | null) ?? null,
    trackArtist: (r.track_artist as string | null) ?? null,
    albumYear: r.year === null || r.year === undefined ? null : Number(r.year),
    albumThumb: (r.album_thumb as string | null) ?? null,
  }));
}

export interface TrackPlaysRow {
  plexUserId: number;
  trackId: number;
  plays: number;
  /** At least one play counts as listened (ADR 0142). */
  listened: boolean;
  lastPlayedAt: Date;
}

const intArray = (values: readonly number[]) => `{${values.map((v) => Math.trunc(v)).join(',')}}`;

/**
 * Per user and track: plays, whether one of them counts as listened — Tautulli's watched_status = 1
 * or percent_complete ≥ `threshold` — and the last one.
 */
export async function playsOfTracks(
  db: Db,
  plexUserIds: readonly number[],
  trackIds: readonly number[],
  threshold: number,
): Promise<TrackPlaysRow[]> {
  if (plexUserIds.length === 0 || trackIds.length === 0) return [];
  const rows = await db.execute(sql`
    select plex_user_id, track_id, count(*) as plays,
           bool_or(watched_status >= 1 or percent_complete >= ${threshold}) as listened,
           extract(epoch from max(started_at))::float8 as last_played_at
    from listening_history
    where track_id = any(${intArray(trackIds)}::int[]) and plex_user_id = any(${intArray(plexUserIds)}::int[])
    group by plex_user_id, track_id`);
  return rows.map((r) => ({
    plexUserId: Number(r.plex_user_id),
    trackId: Number(r.track_id),
    plays: Number(r.plays),
    listened: r.listened === true,
    lastPlayedAt: new Date(Number(r.last_played_at) * 1000),
  }));
}

export interface LastPlayRow {
  plexUserId: number;
  trackId: number;
  startedAt: Date;
  percentComplete: number;
  watchedStatus: number;
}

/** Each user's most recent play of any of the tracks. */
export async function lastPlaysOfTracks(
  db: Db,
  plexUserIds: readonly number[],
  trackIds: readonly number[],
): Promise<LastPlayRow[]> {
  if (plexUserIds.length === 0 || trackIds.length === 0) return [];
  const rows = await db.execute(sql`
    select distinct on (plex_user_id) plex_user_id, track_id, extract(epoch from started_at)::float8 as started,
           percent_complete, watched_status
    from listening_history
    where track_id = any(${intArray(trackIds)}::int[]) and plex_user_id = any(${intArray(plexUserIds)}::int[])
    order by plex_user_id, started_at desc, row_id desc`);
  return rows.map((r) => ({
    plexUserId: Number(r.plex_user_id),
    trackId: Number(r.track_id),
    startedAt: new Date(Number(r.started) * 1000),
    percentComplete: Number(r.percent_complete),
    watchedStatus: Number(r.watched_status),
  }));
}

export interface PlexUserRow {
  plexUserId: number;
  username: string;
  friendlyName: string | null;
  thumb: string | null;
}

/** Plex users (as Tautulli lists them) by id; unknown ids are absent from the result. */
export async function findPlexUsers(db: Db, plexUserIds: readonly number[]): Promise<PlexUserRow[]> {
  if (plexUserIds.length === 0) return [];
  const rows = await db.execute(sql`
    select plex_user_id, username, friendly_name, thumb from plex_users
    where plex_user_id = any(${intArray(plexUserIds)}::int[])`);
  return rows.map((r) => ({
    plexUserId: Number(r.plex_user_id),
    username: String(r.username),
    friendlyName: (r.friendly_name as string | null) ?? null,
    thumb: (r.thumb as string | null) ?? null,
  }));
}
