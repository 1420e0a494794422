import type { ArtistTrackRow, LastPlayRow, TrackPlaysRow } from '@autoalex/db';
import type { LastPlay } from './types.ts';

export interface AlbumGroup {
  ratingKey: string | null;
  title: string;
  year: number | null;
  thumb: string | null;
  albumArtist: string | null;
  trackIds: number[];
}

/** listened / total as a percentage with one decimal (0 for an empty total). */
export function percentOf(listened: number, total: number): number {
  return total > 0 ? Math.round((listened / total) * 1000) / 10 : 0;
}

/** The artist's tracks grouped by album, oldest album first (unknown years last), then by title. */
export function groupByAlbum(tracks: readonly ArtistTrackRow[]): AlbumGroup[] {
  const groups = new Map<string, AlbumGroup>();
  for (const t of tracks) {
    const key = t.albumRatingKey ?? `title:${t.albumTitle.toLowerCase()}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        ratingKey: t.albumRatingKey,
        title: t.albumTitle || 'Unknown album',
        year: t.albumYear,
        thumb: t.albumThumb,
        albumArtist: t.albumArtist,
        trackIds: [],
      };
      groups.set(key, group);
    }
    group.trackIds.push(t.trackId);
  }
  return [...groups.values()].sort(
    (a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.title.localeCompare(b.title) || a.trackIds[0]! - b.trackIds[0]!,
  );
}

/** Track ids the user has listened to (per the threshold the plays were read with). */
export function listenedSet(plays: readonly TrackPlaysRow[], plexUserId: number): Set<number> {
  const out = new Set<number>();
  for (const p of plays) if (p.plexUserId === plexUserId && p.listened) out.add(p.trackId);
  return out;
}

export function toLastPlay(
  row: LastPlayRow | undefined,
  tracks: ReadonlyMap<number, ArtistTrackRow>,
  threshold: number,
): LastPlay | null {
  if (!row) return null;
  const track = tracks.get(row.trackId);
  if (!track) return null;
  return {
    track: track.title,
    album: track.albumTitle,
    at: row.startedAt,
    percent: row.percentComplete,
    listened: row.watchedStatus >= 1 || row.percentComplete >= threshold,
  };
}

/** Nearest to complete first: the highest share, then the fewest tracks left, then the title. */
export function byNearness<T extends { listened: number; total: number; title: string }>(a: T, b: T): number {
  return (
    b.listened / b.total - a.listened / a.total ||
    a.total - a.listened - (b.total - b.listened) ||
    a.title.localeCompare(b.title)
  );
}
