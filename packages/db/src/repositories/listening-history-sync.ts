import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

// Writes of the Tautulli history mirror and the rule that links each play to a live track (ADR 0141).

export interface PlayInput {
  /** Tautulli row_id. */
  rowId: number;
  plexUserId: number;
  mediaType: string;
  ratingKey: string;
  parentRatingKey: string | null;
  grandparentRatingKey: string | null;
  title: string | null;
  parentTitle: string | null;
  grandparentTitle: string | null;
  originalTitle: string | null;
  mediaIndex: number | null;
  parentMediaIndex: number | null;
  /** Unix seconds. */
  started: number;
  stopped: number | null;
  durationPlayedS: number;
  percentComplete: number;
  watchedStatus: number;
}

const int = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Math.trunc(value);

/**
 * Upserts plays in one statement (any batch size; 5,000 is a good one). A play is linked on insert to
 * the track of the same rating key on `serverId` (live or soft-deleted: relinkPlays moves links off
 * deleted tracks); a play seen again keeps its link and refreshes only what Tautulli may still change.
 * Returns the number of rows inserted or changed.
 */
export async function upsertPlays(db: Db, plays: readonly PlayInput[], serverId: number | null): Promise<number> {
  if (plays.length === 0) return 0;
  const json = JSON.stringify(
    plays.map((p) => ({
      r: p.rowId,
      u: p.plexUserId,
      m: p.mediaType,
      k: p.ratingKey,
      pk: p.parentRatingKey,
      gk: p.grandparentRatingKey,
      t: p.title,
      pt: p.parentTitle,
      gt: p.grandparentTitle,
      ot: p.originalTitle,
      mi: int(p.mediaIndex),
      pi: int(p.parentMediaIndex),
      s: int(p.started),
      e: int(p.stopped),
      d: int(p.durationPlayedS) ?? 0,
      pc: int(p.percentComplete) ?? 0,
      w: Number.isFinite(p.watchedStatus) ? p.watchedStatus : 0,
    })),
  );
  const track =
    serverId === null
      ? sql`null::int`
      : sql`(select t.id from plex_tracks t where t.server_id = ${serverId} and t.rating_key = x.k)`;
  const rows = await db.execute(sql`
    insert into listening_history as h
      (row_id, plex_user_id, media_type, rating_key, parent_rating_key, grandparent_rating_key, title, parent_title,
       grandparent_title, original_title, media_index, parent_media_index, started_at, stopped_at, duration_played_s,
       percent_complete, watched_status, track_id)
    select x.r, x.u, x.m, x.k, x.pk, x.gk, x.t, x.pt, x.gt, x.ot, x.mi, x.pi, to_timestamp(x.s), to_timestamp(x.e),
           x.d, x.pc, x.w, ${track}
    from json_to_recordset(${json}::json) as x(r bigint, u int, m text, k text, pk text, gk text, t text, pt text,
      gt text, ot text, mi int, pi int, s bigint, e bigint, d int, pc int, w float8)
    on conflict (row_id) do update
      set stopped_at = excluded.stopped_at, duration_played_s = excluded.duration_played_s,
          percent_complete = excluded.percent_complete, watched_status = excluded.watched_status,
          original_title = excluded.original_title, media_index = excluded.media_index,
          parent_media_index = excluded.parent_media_index, track_id = coalesce(h.track_id, excluded.track_id),
          synced_at = now()
      where (h.stopped_at, h.duration_played_s, h.percent_complete, h.watched_status, h.original_title, h.media_index,
             h.parent_media_index, h.track_id)
        is distinct from (excluded.stopped_at, excluded.duration_played_s, excluded.percent_complete,
             excluded.watched_status, excluded.original_title, excluded.media_index, excluded.parent_media_index,
             coalesce(h.track_id, excluded.track_id))
    returning 1`);
  return rows.length;
}

/** Tautulli row ids of one user's stored plays of a media type (to find plays Tautulli no longer has). */
export async function storedPlayIds(db: Db, plexUserId: number, mediaType = 'track'): Promise<number[]> {
  const rows = await db.execute<{ row_id: string }>(
    sql`select row_id from listening_history where plex_user_id = ${plexUserId} and media_type = ${mediaType}`,
  );
  return rows.map((r) => Number(r.row_id));
}

/** Deletes plays by Tautulli row id (deleted from Tautulli's history). */
export async function deletePlays(db: Db, rowIds: readonly number[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < rowIds.length; i += 10_000) {
    const list = `{${rowIds
      .slice(i, i + 10_000)
      .map((id) => Math.trunc(id))
      .join(',')}}`;
    const rows = await db.execute(sql`delete from listening_history where row_id = any(${list}::bigint[]) returning 1`);
    count += rows.length;
  }
  return count;
}

export interface RelinkCounts {
  /** Plays without a track that now match a live track by rating key. */
  byKey: number;
  /** Plays moved from a deleted track to the live track that replaced it (re-added under a new key). */
  successor: number;
  /** Plays never linked (their key was gone before the first sync) matched by track identity. */
  byIdentity: number;
}

/**
 * Links plays to live tracks (ADR 0141), in three set-based steps:
 * 1. an unlinked play whose rating key is a live track gets that track;
 * 2. a play linked to a soft-deleted track moves to its successor: the newest live track with
 *    (a) the same MusicBrainz recording id on an album of the same title, else (b) the same identity —
 *    album artist, album title, disc (1 when unset), track number and title, case-insensitive —,
 *    else (c) the same MusicBrainz id when exactly one live track has it;
 * 3. a play still unlinked gets the newest live track whose identity matches the play's own
 *    snapshot (grandparent_title, parent_title, parent_media_index, media_index, title).
 * Plays that match nothing stay unlinked: kept, but they count for no track.
 */
export async function relinkPlays(db: Db): Promise<RelinkCounts> {
  const byKey = await db.execute(sql`
    update listening_history h set track_id = t.id
    from plex_tracks t
    where h.track_id is null and t.rating_key = h.rating_key and t.deleted_at is null
    returning 1`);
  const successor = await db.execute(sql`
    with dead as (
      select d.id, d.musicbrainz_id, lower(d.title) as title, lower(d.album_title) as album,
             lower(d.album_artist) as album_artist, d.track_number, coalesce(d.disc_number, 1) as disc
      from plex_tracks d
      where d.deleted_at is not null and exists (select 1 from listening_history h where h.track_id = d.id)
    ), moved as (
      select dead.id as old_id, coalesce(
        (select l.id from plex_tracks l
          where l.deleted_at is null and dead.musicbrainz_id is not null and l.musicbrainz_id = dead.musicbrainz_id
            and lower(l.album_title) is not distinct from dead.album
          order by l.id desc limit 1),
        (select l.id from plex_tracks l
          where l.deleted_at is null and lower(l.title) = dead.title
            and lower(l.album_title) is not distinct from dead.album
            and lower(l.album_artist) is not distinct from dead.album_artist
            and l.track_number is not distinct from dead.track_number and coalesce(l.disc_number, 1) = dead.disc
          order by l.id desc limit 1),
        (select min(l.id) from plex_tracks l
          where l.deleted_at is null and dead.musicbrainz_id is not null and l.musicbrainz_id = dead.musicbrainz_id
          having count(*) = 1)
      ) as new_id
      from dead
    )
    update listening_history h set track_id = moved.new_id
    from moved
    where h.track_id = moved.old_id and moved.new_id is not null
    returning 1`);
  const byIdentity = await db.execute(sql`
    update listening_history h set track_id = m.id
    from (
      select distinct on (u.row_id) u.row_id, l.id
      from listening_history u
      join plex_tracks l
        on l.deleted_at is null and lower(l.title) = lower(u.title)
       and lower(l.album_title) is not distinct from lower(u.parent_title)
       and lower(l.album_artist) is not distinct from lower(u.grandparent_title)
       and l.track_number is not distinct from u.media_index
       and coalesce(l.disc_number, 1) = coalesce(u.parent_media_index, 1)
      where u.track_id is null
      order by u.row_id, l.id desc
    ) m
    where h.row_id = m.row_id and h.track_id is null
    returning 1`);
  return { byKey: byKey.length, successor: successor.length, byIdentity: byIdentity.length };
}
