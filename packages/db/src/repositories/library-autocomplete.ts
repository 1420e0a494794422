import { cleanText } from '@autoalex/terms/text';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

// Autocomplete reads (ADR 0143): Discord cannot wait for Plex, so choices come from the mirror.
// Substring matches use the pg_trgm GIN indexes on lower(title) / lower(track_artist) from 3 characters
// on; shorter input scans (2,000 artists or 50,000 tracks take a few milliseconds). Exact matches rank
// first, then prefixes, then shorter names.

/**
 * What is searched for: the text trimmed and without control characters. Option parsing already
 * cleans typed text (ADR 0228); this is the last line before Postgres, which refuses NUL in a
 * query parameter ("invalid byte sequence 0x00") and would fail the whole autocomplete.
 */
function needle(text: string): string {
  return cleanText(text).trim();
}

/** `%text%` for LIKE, with the pattern characters of `text` escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function rank(column: SQL, text: string): SQL {
  const lowered = text.toLowerCase();
  const prefix = `${lowered.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${column} = ${lowered}) desc, (${column} like ${prefix}) desc, length(${column})`;
}

export interface ArtistMatch {
  /** Set for a Plex artist (album artist); undefined for a name known only as a track artist. */
  ratingKey: string | undefined;
  name: string;
}

/** Live album artists and track artists whose name contains `text` (all of them, by name, when empty). */
export async function searchArtistNames(db: Db, text: string, limit = 25): Promise<ArtistMatch[]> {
  const typed = needle(text);
  const pattern = containsPattern(typed);
  const rows = await db.execute<{ rating_key: string | null; name: string }>(sql`
    select rating_key, name from (
      select a.rating_key, a.title as name, lower(a.title) as lname
      from plex_artists a
      where a.deleted_at is null and lower(a.title) like ${pattern}
      union all
      select null, min(t.track_artist), lower(t.track_artist)
      from plex_tracks t
      where t.deleted_at is null and t.track_artist is not null and lower(t.track_artist) like ${pattern}
        and not exists (select 1 from plex_artists a2 where a2.deleted_at is null and lower(a2.title) = lower(t.track_artist))
      group by lower(t.track_artist)
    ) m
    order by ${rank(sql`m.lname`, typed)}, m.lname, m.rating_key
    limit ${limit}`);
  return rows.map((r) => ({ ratingKey: r.rating_key ?? undefined, name: r.name }));
}

export interface TrackMatch {
  ratingKey: string;
  title: string;
  artist: string;
  album: string | null;
}

/** Live tracks whose title contains `text`. */
export async function searchTracks(db: Db, text: string, limit = 25): Promise<TrackMatch[]> {
  const trimmed = needle(text);
  const rows = await db.execute<{
    rating_key: string;
    title: string;
    artist: string | null;
    album_title: string | null;
  }>(sql`
    select t.rating_key, t.title, coalesce(t.track_artist, t.album_artist) as artist, t.album_title
    from plex_tracks t
    where t.deleted_at is null and lower(t.title) like ${containsPattern(trimmed)}
    order by ${rank(sql`lower(t.title)`, trimmed)}, lower(t.title), t.id
    limit ${limit}`);
  return rows.map((r) => ({ ratingKey: r.rating_key, title: r.title, artist: r.artist ?? '', album: r.album_title }));
}

export interface PlexUserMatch {
  plexUserId: number;
  username: string;
  friendlyName: string | null;
}

/** Plex users whose username or friendly name contains `text`. */
export async function searchPlexUsers(db: Db, text: string, limit = 25): Promise<PlexUserMatch[]> {
  const trimmed = needle(text);
  const pattern = containsPattern(trimmed);
  const rows = await db.execute<{ plex_user_id: number; username: string; friendly_name: string | null }>(sql`
    select plex_user_id, username, friendly_name
    from plex_users
    where lower(username) like ${pattern} or lower(coalesce(friendly_name, '')) like ${pattern}
    order by ${rank(sql`lower(coalesce(friendly_name, username))`, trimmed)}, lower(username)
    limit ${limit}`);
  return rows.map((r) => ({
    plexUserId: Number(r.plex_user_id),
    username: r.username,
    friendlyName: r.friendly_name,
  }));
}

/**
 * Live artist and track-artist names that look like `text` (pg_trgm similarity, best first), for
 * "did you mean" when nothing contains it (a typo: "Miles Davs").
 */
export async function similarArtistNames(db: Db, text: string, limit = 5): Promise<string[]> {
  const lowered = needle(text).toLowerCase();
  if (lowered.length < 3) return [];
  const rows = await db.execute<{ name: string }>(sql`
    select name from (
      select a.title as name, similarity(lower(a.title), ${lowered}) as score
      from plex_artists a
      where a.deleted_at is null and lower(a.title) % ${lowered}
      union all
      select min(t.track_artist), similarity(lower(t.track_artist), ${lowered})
      from plex_tracks t
      where t.deleted_at is null and t.track_artist is not null and lower(t.track_artist) % ${lowered}
      group by lower(t.track_artist)
    ) m
    group by name
    order by max(score) desc, name
    limit ${limit}`);
  return rows.map((r) => r.name);
}
