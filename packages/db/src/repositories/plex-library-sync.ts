import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

// Writes of the Plex library mirror (ADR 0140). Rows travel as one JSON parameter per batch and are
// expanded by json_to_recordset: one round trip and three parameters whatever the batch size, where a
// multi-row VALUES list would need ~18 bind parameters a row. An upsert writes only rows that changed
// (IS DISTINCT FROM), so an incremental sync of an unchanged library writes nothing. A row seen again
// after being soft-deleted is revived (deleted_at cleared).

export interface PlexServerInput {
  machineIdentifier: string;
  name?: string | null;
  version?: string | null;
}

/** Creates or refreshes the server row; returns its id. */
export async function upsertPlexServer(db: Db, server: PlexServerInput): Promise<number> {
  const rows = await db.execute<{ id: number }>(sql`
    insert into plex_servers (machine_identifier, name, version, last_seen_at)
    values (${server.machineIdentifier}, ${server.name ?? null}, ${server.version ?? null}, now())
    on conflict (machine_identifier) do update
      set name = coalesce(excluded.name, plex_servers.name), version = excluded.version, last_seen_at = now()
    returning id`);
  return Number(rows[0]!.id);
}

export interface PlexSectionInput {
  sectionKey: string;
  title: string;
  type: string;
  agent?: string | null;
}

/** Upserts the music sections seen; returns section key → row id. */
export async function upsertPlexSections(
  db: Db,
  serverId: number,
  sections: readonly PlexSectionInput[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (sections.length === 0) return out;
  const json = JSON.stringify(
    sections.map((s) => ({ section_key: s.sectionKey, title: s.title, type: s.type, agent: s.agent ?? null })),
  );
  const rows = await db.execute<{ id: number; section_key: string }>(sql`
    insert into plex_sections (server_id, section_key, title, type, agent)
    select ${serverId}, x.section_key, x.title, x.type, x.agent
    from json_to_recordset(${json}::json) as x(section_key text, title text, type text, agent text)
    on conflict (server_id, section_key) do update
      set title = excluded.title, type = excluded.type, agent = excluded.agent, updated_at = now(), deleted_at = null
    returning id, section_key`);
  for (const row of rows) out.set(row.section_key, Number(row.id));
  return out;
}

export interface PlexArtistInput {
  ratingKey: string;
  title: string;
  sectionId: number | null;
  thumb?: string | null;
  musicbrainzId?: string | null;
  /** Unix seconds. */
  addedAt?: number | null;
}

export interface PlexAlbumInput {
  ratingKey: string;
  title: string;
  sectionId: number | null;
  artistRatingKey?: string | null;
  albumArtist?: string | null;
  year?: number | null;
  musicbrainzId?: string | null;
  leafCount?: number | null;
  summary?: string | null;
  thumb?: string | null;
}

export interface PlexTrackInput {
  ratingKey: string;
  title: string;
  sectionId: number | null;
  albumRatingKey: string;
  albumTitle: string;
  artistRatingKey: string;
  albumArtist: string;
  /** Plex originalTitle: only when the track artist differs from the album artist. */
  trackArtist?: string | null;
  trackNumber?: number | null;
  discNumber?: number | null;
  musicbrainzId?: string | null;
  durationMs?: number | null;
  partKey?: string | null;
  thumb?: string | null;
}

export interface UpsertCounts {
  /** Rows new to the mirror. */
  inserted: number;
  /** Existing rows whose fields changed (or that came back after a deletion). */
  updated: number;
}

const int = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Math.trunc(value);

function counted(rows: Iterable<{ inserted: boolean }>): UpsertCounts {
  let inserted = 0;
  let updated = 0;
  for (const row of rows) {
    if (row.inserted) inserted++;
    else updated++;
  }
  return { inserted, updated };
}

/** Upserts artists (any batch size: one statement). */
export async function upsertPlexArtists(
  db: Db,
  serverId: number,
  artists: readonly PlexArtistInput[],
): Promise<UpsertCounts> {
  if (artists.length === 0) return { inserted: 0, updated: 0 };
  const json = JSON.stringify(
    artists.map((a) => ({
      k: a.ratingKey,
      t: a.title,
      s: a.sectionId,
      th: a.thumb ?? null,
      mb: a.musicbrainzId ?? null,
      ad: int(a.addedAt),
    })),
  );
  const rows = await db.execute<{ inserted: boolean }>(sql`
    insert into plex_artists as a (server_id, section_id, rating_key, title, thumb, musicbrainz_id, added_at)
    select ${serverId}, x.s, x.k, x.t, x.th, x.mb, to_timestamp(x.ad)
    from json_to_recordset(${json}::json) as x(k text, t text, s int, th text, mb text, ad bigint)
    on conflict (server_id, rating_key) do update
      set section_id = excluded.section_id, title = excluded.title, thumb = excluded.thumb,
          musicbrainz_id = excluded.musicbrainz_id, added_at = coalesce(excluded.added_at, a.added_at),
          updated_at = now(), deleted_at = null
      where (a.section_id, a.title, a.thumb, a.musicbrainz_id, a.deleted_at)
        is distinct from (excluded.section_id, excluded.title, excluded.thumb, excluded.musicbrainz_id, null)
    returning (xmax = 0) as inserted`);
  return counted(rows);
}

export async function upsertPlexAlbums(
  db: Db,
  serverId: number,
  albums: readonly PlexAlbumInput[],
): Promise<UpsertCounts> {
  if (albums.length === 0) return { inserted: 0, updated: 0 };
  const json = JSON.stringify(
    albums.map((a) => ({
      k: a.ratingKey,
      t: a.title,
      s: a.sectionId,
      pk: a.artistRatingKey ?? null,
      aa: a.albumArtist ?? null,
      y: int(a.year),
      mb: a.musicbrainzId ?? null,
      lc: int(a.leafCount),
      su: a.summary ?? null,
      th: a.thumb ?? null,
    })),
  );
  const rows = await db.execute<{ inserted: boolean }>(sql`
    insert into plex_albums as a
      (server_id, section_id, rating_key, title, parent_rating_key, album_artist, year, musicbrainz_id, leaf_count, summary, thumb)
    select ${serverId}, x.s, x.k, x.t, x.pk, x.aa, x.y, x.mb, x.lc, x.su, x.th
    from json_to_recordset(${json}::json)
      as x(k text, t text, s int, pk text, aa text, y int, mb text, lc int, su text, th text)
    on conflict (server_id, rating_key) do update
      set section_id = excluded.section_id, title = excluded.title, parent_rating_key = excluded.parent_rating_key,
          album_artist = excluded.album_artist, year = excluded.year, musicbrainz_id = excluded.musicbrainz_id,
          leaf_count = excluded.leaf_count, summary = excluded.summary, thumb = excluded.thumb,
          updated_at = now(), deleted_at = null
      where (a.section_id, a.title, a.parent_rating_key, a.album_artist, a.year, a.musicbrainz_id, a.leaf_count,
             a.summary, a.thumb, a.deleted_at)
        is distinct from (excluded.section_id, excluded.title, excluded.parent_rating_key, excluded.album_artist,
             excluded.year, excluded.musicbrainz_id, excluded.leaf_count, excluded.summary, excluded.thumb, null)
    returning (xmax = 0) as inserted`);
  return counted(rows);
}

export async function upsertPlexTracks(
  db: Db,
  serverId: number,
  tracks: readonly PlexTrackInput[],
): Promise<UpsertCounts> {
  if (tracks.length === 0) return { inserted: 0, updated: 0 };
  const json = JSON.stringify(
    tracks.map((t) => ({
      k: t.ratingKey,
      t: t.title,
      s: t.sectionId,
      pk: t.albumRatingKey,
      gk: t.artistRatingKey,
      al: t.albumTitle,
      aa: t.albumArtist,
      ta: t.trackArtist ?? null,
      n: int(t.trackNumber),
      d: int(t.discNumber),
      mb: t.musicbrainzId ?? null,
      du: int(t.durationMs),
      pt: t.partKey ?? null,
      th: t.thumb ?? null,
    })),
  );
  const rows = await db.execute<{ inserted: boolean }>(sql`
    insert into plex_tracks as t
      (server_id, section_id, rating_key, title, parent_rating_key, grandparent_rating_key, album_title, album_artist,
       track_artist, track_number, disc_number, musicbrainz_id, duration_ms, part_key, thumb)
    select ${serverId}, x.s, x.k, x.t, x.pk, x.gk, x.al, x.aa, x.ta, x.n, x.d, x.mb, x.du, x.pt, x.th
    from json_to_recordset(${json}::json)
      as x(k text, t text, s int, pk text, gk text, al text, aa text, ta text, n int, d int, mb text, du int, pt text, th text)
    on conflict (server_id, rating_key) do update
      set section_id = excluded.section_id, title = excluded.title, parent_rating_key = excluded.parent_rating_key,
          grandparent_rating_key = excluded.grandparent_rating_key, album_title = excluded.album_title,
          album_artist = excluded.album_artist, track_artist = excluded.track_artist,
          track_number = excluded.track_number, disc_number = excluded.disc_number,
          musicbrainz_id = excluded.musicbrainz_id, duration_ms = excluded.duration_ms, part_key = excluded.part_key,
          thumb = excluded.thumb, updated_at = now(), deleted_at = null
      where (t.section_id, t.title, t.parent_rating_key, t.grandparent_rating_key, t.album_title, t.album_artist,
             t.track_artist, t.track_number, t.disc_number, t.musicbrainz_id, t.duration_ms, t.part_key, t.thumb,
             t.deleted_at)
        is distinct from (excluded.section_id, excluded.title, excluded.parent_rating_key,
             excluded.grandparent_rating_key, excluded.album_title, excluded.album_artist, excluded.track_artist,
             excluded.track_number, excluded.disc_number, excluded.musicbrainz_id, excluded.duration_ms,
             excluded.part_key, excluded.thumb, null)
    returning (xmax = 0) as inserted`);
  return counted(rows);
}

export type LibraryKind = 'artists' | 'albums' | 'tracks';

const TABLES: Record<LibraryKind, ReturnType<typeof sql.identifier>> = {
  artists: sql.identifier('plex_artists'),
  albums: sql.identifier('plex_albums'),
  tracks: sql.identifier('plex_tracks'),
};

/**
 * Soft-deletes the live rows of a server that the last complete listing did not contain, and returns
 * how many. Call only after a listing that finished: a listing cut short must delete nothing.
 */
export async function softDeleteUnseen(
  db: Db,
  kind: LibraryKind,
  serverId: number,
  seen: ReadonlySet<string>,
): Promise<number> {
  const live = await db.execute<{ rating_key: string }>(
    sql`select rating_key from ${TABLES[kind]} where server_id = ${serverId} and deleted_at is null`,
  );
  const gone = live.map((r) => r.rating_key).filter((key) => !seen.has(key));
  let count = 0;
  for (let i = 0; i < gone.length; i += 10_000) {
    const json = JSON.stringify(gone.slice(i, i + 10_000));
    const rows = await db.execute(sql`
      update ${TABLES[kind]} set deleted_at = now(), updated_at = now()
      where server_id = ${serverId} and deleted_at is null
        and rating_key in (select value from json_array_elements_text(${json}::json))
      returning 1`);
    count += rows.length;
  }
  return count;
}

export interface LibraryCounts {
  artists: number;
  albums: number;
  tracks: number;
  /** Soft-deleted tracks still kept for their history. */
  deletedTracks: number;
  plays: number;
  users: number;
}

/** Live rows of the mirror (all servers), deleted tracks, plays and Plex users. */
export async function libraryCounts(db: Db): Promise<LibraryCounts> {
  const [row] = await db.execute<Record<keyof LibraryCounts, string>>(sql`
    select
      (select count(*) from plex_artists where deleted_at is null) as artists,
      (select count(*) from plex_albums where deleted_at is null) as albums,
      (select count(*) from plex_tracks where deleted_at is null) as tracks,
      (select count(*) from plex_tracks where deleted_at is not null) as "deletedTracks",
      (select count(*) from listening_history) as plays,
      (select count(*) from plex_users) as users`);
  return {
    artists: Number(row?.artists ?? 0),
    albums: Number(row?.albums ?? 0),
    tracks: Number(row?.tracks ?? 0),
    deletedTracks: Number(row?.deletedTracks ?? 0),
    plays: Number(row?.plays ?? 0),
    users: Number(row?.users ?? 0),
  };
}
