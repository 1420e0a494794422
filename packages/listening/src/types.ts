import type { Db } from '@autoalex/db';

/** What the completion and compare queries need: the suite's database (they never call Plex or Tautulli). */
export interface ListeningDeps {
  db: Db;
}

export interface ArtistRef {
  name: string;
  /** The Plex artist's rating key; undefined for a name known only as a track artist. */
  ratingKey: string | undefined;
  /** Plex thumb path of the artist, when it has one. */
  thumb: string | undefined;
}

export interface UserRef {
  plexUserId: number;
  /** Friendly name, else the Plex username. */
  name: string;
  username: string;
}

export interface AlbumProgress {
  /** The album's Plex rating key. */
  ratingKey: string | null;
  title: string;
  year: number | null;
  /** Plex thumb path of the album cover, when it has one. */
  thumb: string | null;
  /** The album artist: differs from the artist on a compilation. */
  albumArtist: string | null;
  /** The artist's tracks on this album that the user has listened to. */
  listened: number;
  /** The artist's tracks on this album (on a compilation, only theirs). */
  total: number;
  /** listened / total in percent, one decimal. */
  percent: number;
}

export interface LastPlay {
  track: string;
  album: string;
  at: Date;
  /** How far that play got (Tautulli percent_complete). */
  percent: number;
  /** Whether that play counted as a listen. */
  listened: boolean;
}

export interface CompletionView {
  kind: 'completion';
  artist: ArtistRef;
  user: UserRef;
  /** LISTENED_THRESHOLD used (percent). */
  threshold: number;
  /** Distinct tracks of the artist the user has listened to. */
  listened: number;
  /** The artist's tracks in the library. */
  total: number;
  percent: number;
  /** Every album with at least one of the artist's tracks, oldest first. */
  albums: AlbumProgress[];
  /** Started, not finished: nearest to complete first. */
  inProgress: AlbumProgress[];
  /** Every counted track listened. */
  finished: AlbumProgress[];
  /** Albums with nothing listened yet. */
  notStarted: number;
  lastPlay: LastPlay | null;
}

/** The artist is not in the library mirror (or has no live tracks). Never an exception. */
export interface UnknownArtist {
  kind: 'unknown-artist';
  query: string;
  /** Close names from the library, best first (at most 5). */
  suggestions: string[];
}

/** The Plex user id is not among Tautulli's users in the mirror. */
export interface UnknownUser {
  kind: 'unknown-user';
  plexUserId: number;
}

export type CompletionResult = CompletionView | UnknownArtist | UnknownUser;

export interface CompareSide {
  user: UserRef;
  listened: number;
  percent: number;
  finishedAlbums: number;
  lastPlay: LastPlay | null;
}

export interface CompareAlbum {
  ratingKey: string | null;
  title: string;
  year: number | null;
  thumb: string | null;
  total: number;
  /** Listened tracks of user A and of user B. */
  a: number;
  b: number;
}

export interface CompareView {
  kind: 'compare';
  artist: ArtistRef;
  threshold: number;
  /** The artist's tracks in the library. */
  total: number;
  a: CompareSide;
  b: CompareSide;
  /** Who has listened to more of the artist's tracks. */
  leader: 'a' | 'b' | 'tie';
  /** By how many tracks. */
  margin: number;
  albums: CompareAlbum[];
  /** Albums A has finished and B has not, and the other way round. */
  finishedOnlyByA: CompareAlbum[];
  finishedOnlyByB: CompareAlbum[];
}

export type CompareResult = CompareView | UnknownArtist | UnknownUser;
