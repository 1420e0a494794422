import {
  type ArtistTrackRow,
  artistTracks,
  type Db,
  findArtistByKey,
  findArtistsByName,
  findTrackArtistName,
  searchArtistNames,
  similarArtistNames,
} from '@autoalex/db';
import type { ArtistRef, UnknownArtist } from './types.ts';

/** Autocomplete values for Plex artists: `artist:<ratingKey>` (a plain name is accepted too). */
export const ARTIST_VALUE_PREFIX = 'artist:';

export interface ResolvedArtist {
  kind: 'artist';
  artist: ArtistRef;
  tracks: ArtistTrackRow[];
}

/**
 * Finds what the user meant by `query` and the tracks that count for it (ADR 0142):
 * - `artist:<ratingKey>` (an autocomplete value): that Plex artist;
 * - otherwise a name, case-insensitively: every live Plex artist of that name (duplicates Plex split
 *   are merged), or else a name known only as a track artist (a guest on compilations).
 * The tracks are those whose album artist is the artist or whose track artist has the name.
 */
export async function resolveArtist(db: Db, query: string): Promise<ResolvedArtist | UnknownArtist> {
  const text = query.trim();
  if (!text) return { kind: 'unknown-artist', query, suggestions: [] };
  let name: string | undefined;
  let artists: Array<{ serverId: number; ratingKey: string; title: string; thumb: string | null }> = [];
  if (text.startsWith(ARTIST_VALUE_PREFIX)) {
    const found = await findArtistByKey(db, text.slice(ARTIST_VALUE_PREFIX.length));
    if (found && !found.deleted) {
      artists = [found];
      name = found.title;
    } else if (found) {
      return resolveArtist(db, found.title);
    }
  } else {
    artists = await findArtistsByName(db, text);
    name = artists[0]?.title ?? (await findTrackArtistName(db, text));
  }
  if (name !== undefined) {
    const tracks = await artistTracks(db, artists, name);
    if (tracks.length > 0) {
      const first = artists[0];
      return {
        kind: 'artist',
        artist: { name, ratingKey: first?.ratingKey, thumb: first?.thumb ?? undefined },
        tracks,
      };
    }
  }
  const needle = text.startsWith(ARTIST_VALUE_PREFIX) ? '' : text;
  let suggestions = needle ? (await searchArtistNames(db, needle, 5)).map((m) => m.name) : [];
  if (needle && suggestions.length === 0) suggestions = await similarArtistNames(db, needle, 5);
  return { kind: 'unknown-artist', query: text, suggestions };
}
