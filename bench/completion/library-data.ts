// A synthetic Plex music library and Tautulli history for the completion benchmark, built
// deterministically from a seed and kept compact (typed arrays for the plays).
import { seededRandom } from '@autoalex/audio/dsp';

export const API_KEY = 'benchbenchbenchbenchbenchbench12';
export const PLEX_TOKEN = 'bench-plex-token';

export interface LibrarySize {
  artists: number;
  albums: number;
  tracks: number;
  plays: number;
  users: number;
}

export interface BenchArtist {
  key: number;
  title: string;
  mbid: string | undefined;
}

export interface BenchAlbum {
  key: number;
  title: string;
  artist: number;
  year: number;
}

export interface BenchTrack {
  key: number;
  title: string;
  album: number;
  index: number;
  /** Track artist (index into artists) when it differs from the album artist (compilations). */
  trackArtist: number | undefined;
  durationMs: number;
  mbid: string | undefined;
}

/** One user's plays, oldest first. */
export interface UserPlays {
  userId: number;
  username: string;
  rowIds: Int32Array;
  started: Float64Array;
  /** Index into `tracks`. */
  track: Int32Array;
  /** The track's rating key when it was played (history keeps it after Plex re-adds the item). */
  key: Int32Array;
  percent: Uint8Array;
}

export interface BenchLibrary {
  artists: BenchArtist[];
  albums: BenchAlbum[];
  tracks: BenchTrack[];
  /** Tracks removed from Plex (by index); their plays stay in history. */
  removed: Set<number>;
  users: UserPlays[];
  nextKey: number;
  nextRowId: number;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const WORDS = ['Blue', 'Night', 'Train', 'Moon', 'River', 'Song', 'Dance', 'Fire', 'Rain', 'Street', 'Dream', 'Light'];

export function buildLibrary(size: LibrarySize, now: number, seed = 42): BenchLibrary {
  const random = seededRandom(seed);
  const word = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const artists: BenchArtist[] = [];
  let key = 100_000;
  artists.push({ key: key++, title: 'Various Artists', mbid: undefined });
  for (let i = 1; i < size.artists; i++) {
    artists.push({ key: key++, title: `${word()} ${word()} ${i}`, mbid: i % 2 === 0 ? uuid(i) : undefined });
  }
  // every artist gets one album, the rest go to few artists (a long tail, like a real library)
  const albums: BenchAlbum[] = [];
  for (let i = 0; i < size.albums; i++) {
    const artist = i < size.artists ? i : Math.floor(random() ** 3 * size.artists);
    albums.push({ key: key++, title: `${word()} ${word()} Vol. ${i}`, artist, year: 1950 + Math.floor(random() * 75) });
  }
  const perAlbum = Math.floor(size.tracks / size.albums);
  const tracks: BenchTrack[] = [];
  for (let a = 0; a < size.albums; a++) {
    const count = a === size.albums - 1 ? size.tracks - tracks.length : perAlbum;
    const compilation = albums[a]!.artist === 0;
    for (let n = 1; n <= count; n++) {
      tracks.push({
        key: key++,
        title: `${word()} ${word()} ${tracks.length}`,
        album: a,
        index: n,
        trackArtist: compilation ? 1 + Math.floor(random() * (size.artists - 1)) : undefined,
        durationMs: 120_000 + Math.floor(random() * 360_000),
        mbid: tracks.length % 2 === 0 ? uuid(1_000_000 + tracks.length) : undefined,
      });
    }
  }

  // plays: users are skewed (a few heavy listeners), tracks follow a popularity curve, times span 3 years
  const weights = Array.from({ length: size.users }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.floor((w / total) * size.plays));
  counts[0]! += size.plays - counts.reduce((s, c) => s + c, 0);
  const span = 3 * 365 * 86_400;
  let rowId = 1;
  const users: UserPlays[] = counts.map((count, u) => {
    const started = new Float64Array(count);
    for (let i = 0; i < count; i++) started[i] = Math.floor(now - 86_400 - random() * span);
    started.sort();
    const track = new Int32Array(count);
    const percent = new Uint8Array(count);
    const rowIds = new Int32Array(count);
    const keys = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      track[i] = Math.floor(random() ** 2 * tracks.length);
      keys[i] = tracks[track[i]!]!.key;
      percent[i] = random() < 0.7 ? 100 : Math.floor(random() * 100);
      rowIds[i] = rowId++;
    }
    return { userId: 1000 + u, username: `user${u}`, rowIds, started, track, key: keys, percent };
  });
  return { artists, albums, tracks, removed: new Set(), users, nextKey: key, nextRowId: rowId };
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, extra: ArrayLike<number>): T {
  const out = new (array.constructor as new (n: number) => T)(array.length + extra.length);
  out.set(array);
  out.set(extra, array.length);
  return out;
}

/** Changes made between the full and the incremental sync of the benchmark. */
export interface Mutation {
  /** New plays, started in the last hour. */
  plays: number;
  /** Tracks deleted from Plex. */
  remove: number;
  /** Albums deleted and re-added (new rating keys for them and their tracks). */
  readd: number;
  /** Tracks whose title changed. */
  rename: number;
}

export function mutate(library: BenchLibrary, change: Mutation, now: number, seed = 7): void {
  const random = seededRandom(seed);
  for (let i = 0; i < change.rename; i++) {
    const t = library.tracks[Math.floor(random() * library.tracks.length)]!;
    t.title = `${t.title} (Remastered)`;
  }
  for (let i = 0; i < change.remove; i++) library.removed.add(Math.floor(random() * library.tracks.length));
  for (let i = 0; i < change.readd; i++) {
    const a = Math.floor(random() * library.albums.length);
    library.albums[a]!.key = library.nextKey++;
    for (const t of library.tracks) if (t.album === a) t.key = library.nextKey++;
  }
  const perUser = Math.ceil(change.plays / library.users.length);
  for (const user of library.users) {
    const started: number[] = [];
    const track: number[] = [];
    const keys: number[] = [];
    const percent: number[] = [];
    const rowIds: number[] = [];
    for (let i = 0; i < perUser; i++) {
      started.push(Math.floor(now - 3600 + (i * 3600) / perUser));
      let index = Math.floor(random() ** 2 * library.tracks.length);
      while (library.removed.has(index)) index = (index + 1) % library.tracks.length;
      track.push(index);
      keys.push(library.tracks[index]!.key);
      percent.push(100);
      rowIds.push(library.nextRowId++);
    }
    user.started = grow(user.started, started);
    user.track = grow(user.track, track);
    user.key = grow(user.key, keys);
    user.percent = grow(user.percent, percent);
    user.rowIds = grow(user.rowIds, rowIds);
  }
}

export type WorkerRequest =
  | { type: 'start'; size: LibrarySize; now: number }
  | { type: 'mutate'; change: Mutation; now: number };

/** What the benchmark needs to know about the library the worker serves. */
export interface LibraryInfo {
  url: string;
  artists: Array<{ key: number; title: string; albums: number }>;
  users: number[];
  plays: number;
}
