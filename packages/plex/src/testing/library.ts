/**
 * One compact description of a Plex household (sections → artists → albums → tracks, users, plays,
 * live sessions, ratings) that seeds both the fake Plex and the fake Tautulli. `createFakeLibrary`
 * turns it into live state; give the same `FakeLibrary` to both fakes and they stay consistent
 * (a play added here shows up in Tautulli's history, a session in both Plex and Tautulli).
 *
 * Keys are numbers in the description (Tautulli's integers); the fake Plex sends them as strings.
 * Durations are in seconds; times are Unix seconds (or a Date / ISO string).
 */

export interface FakeTrackDescription {
  key: number;
  title: string;
  /** Track length in seconds. */
  duration: number;
  /** Track artist when it differs from the album artist (Plex `originalTitle`). */
  artist?: string;
  /** MusicBrainz recording id (sent as `Guid: [{ id: "mbid://…" }]`). */
  mbid?: string;
  /** Position on the disc; defaults to the order in `tracks`. */
  index?: number;
  disc?: number;
}

export interface FakeAlbumDescription {
  key: number;
  title: string;
  year?: number;
  /** `YYYY-MM-DD` (Plex `originallyAvailableAt`). */
  released?: string;
  mbid?: string;
  summary?: string;
  studio?: string;
  tracks: FakeTrackDescription[];
}

export interface FakeArtistDescription {
  key: number;
  title: string;
  mbid?: string;
  albums: FakeAlbumDescription[];
}

export interface FakeSectionDescription {
  id: number;
  title: string;
  /** Plex section type; music is `artist` (the default). */
  type?: 'artist' | 'movie' | 'show' | 'photo';
  uuid?: string;
  artists?: FakeArtistDescription[];
}

export interface FakePlayer {
  platform: string;
  product: string;
  player: string;
  ip: string;
  machineId: string;
}

export interface FakeUserDescription {
  /** Plex account id (Tautulli's user_id). */
  id: number;
  username: string;
  friendly?: string;
  /** This user's own X-Plex-Token, for acting as them (ratings, playlists). Managed users may have none. */
  token?: string;
  email?: string;
  /** The server owner (default: the first user). */
  admin?: boolean;
  player?: Partial<FakePlayer>;
}

export type FakeTime = number | string | Date;

export interface FakePlayDescription {
  user: number;
  track: number;
  at: FakeTime;
  /** How far into the track playback got, 0–100 (default 100). */
  percent?: number;
  /** Seconds actually played (default: percent of the track length). */
  played?: number;
}

export interface FakeSessionDescription {
  user: number;
  track: number;
  /** 0–100 (default 21). */
  progress?: number;
  /** Position in seconds (overrides `progress`). */
  offset?: number;
  state?: 'playing' | 'paused' | 'buffering';
  sessionKey?: number;
  startedAt?: FakeTime;
}

export interface FakeRatingDescription {
  user: number;
  key: number;
  /** Plex's 10-point scale. */
  rating: number;
}

export interface FakeLibraryDescription {
  server?: { name?: string; machineIdentifier?: string; version?: string; platform?: string };
  sections: FakeSectionDescription[];
  users?: FakeUserDescription[];
  plays?: FakePlayDescription[];
  sessions?: FakeSessionDescription[];
  ratings?: FakeRatingDescription[];
}

export interface FakeSection {
  id: number;
  title: string;
  type: string;
  uuid: string;
  artists: FakeArtist[];
}

interface ItemBase {
  key: string;
  title: string;
  mbid: string | undefined;
  addedAt: number;
  updatedAt: number;
  removed: boolean;
}

export interface FakeArtist extends ItemBase {
  kind: 'artist';
  section: FakeSection;
  albums: FakeAlbum[];
}

export interface FakeAlbum extends ItemBase {
  kind: 'album';
  artist: FakeArtist;
  year: number | undefined;
  released: string | undefined;
  summary: string;
  summaryLocked: boolean;
  studio: string | undefined;
  tracks: FakeTrack[];
}

export interface FakeTrack extends ItemBase {
  kind: 'track';
  album: FakeAlbum;
  durationMs: number;
  trackArtist: string | undefined;
  index: number;
  disc: number;
  partId: number;
}

export type FakeItem = FakeArtist | FakeAlbum | FakeTrack;

export interface FakeUser {
  id: number;
  username: string;
  friendly: string;
  token: string | undefined;
  email: string;
  admin: boolean;
  player: FakePlayer;
}

/** What Tautulli stored about the track when the play happened (it keeps it after Plex forgets the item). */
export interface PlaySnapshot {
  key: string;
  albumKey: string;
  artistKey: string;
  title: string;
  album: string;
  artist: string;
  trackArtist: string | undefined;
  year: number | undefined;
  released: string | undefined;
  index: number;
  disc: number;
  durationMs: number;
  guid: string;
  thumb: string;
  sectionId: number;
}

export interface FakePlay {
  /** Tautulli's row id. */
  id: number;
  userId: number;
  track: PlaySnapshot;
  started: number;
  stopped: number;
  viewOffsetMs: number;
  pausedSeconds: number;
}

export interface FakeSession {
  sessionKey: number;
  userId: number;
  trackKey: string;
  viewOffsetMs: number;
  state: 'playing' | 'paused' | 'buffering';
  startedAt: number;
}

export interface FakePlaylist {
  key: string;
  userId: number;
  title: string;
  smart: boolean;
  type: string;
  /** The `uri` query value after one decoding, e.g. `server://…/all?type=10&sort=track.userRating%3Adesc…`. */
  uri: string;
  addedAt: number;
}

export interface FakeLibrary {
  readonly server: { name: string; machineIdentifier: string; version: string; platform: string };
  readonly sections: FakeSection[];
  readonly users: FakeUser[];
  readonly plays: FakePlay[];
  readonly sessions: FakeSession[];
  readonly playlists: FakePlaylist[];
  /** Ratings per user id, per rating key. */
  readonly ratings: Map<number, Map<string, number>>;
  owner(): FakeUser;
  user(id: number): FakeUser | undefined;
  userByToken(token: string): FakeUser | undefined;
  /** A live (not removed) item by its current rating key. */
  item(key: string | number): FakeItem | undefined;
  track(key: string | number): FakeTrack | undefined;
  /** Live artists, albums or tracks of a section, in Plex's default order. */
  artistsOf(section: FakeSection): FakeArtist[];
  albumsOf(section: FakeSection): FakeAlbum[];
  tracksOf(section: FakeSection): FakeTrack[];
  rating(userId: number, key: string): number | undefined;
  /** Records a finished play (Tautulli history) under the next row id (ids are never reused). */
  addPlay(play: FakePlayDescription): FakePlay;
  /** Deletes a play from the history, as Tautulli's "delete" does; returns it. */
  removePlay(id: number): FakePlay;
  /** Starts a live session (Plex /status/sessions, Tautulli get_activity); returns its session key. */
  startSession(session: FakeSessionDescription): FakeSession;
  stopSession(sessionKey: number): void;
  /** Deletes an item and everything under it; its rating keys then answer 404. */
  remove(key: string | number): void;
  /** Adds a removed item back, as Plex does after a rescan: with new rating keys. Returns old → new keys. */
  readd(key: string | number): Map<string, string>;
}

const DEFAULT_ADDED_AT = 1_600_000_000;
const UPDATED_BASE = 1_700_000_000;

export function toUnixSeconds(time: FakeTime): number {
  if (typeof time === 'number') return Math.floor(time);
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  if (Number.isNaN(ms)) throw new TypeError(`not a time: ${String(time)}`);
  return Math.floor(ms / 1000);
}

/** `plex://track/000000000000000000001451` for 5201, the shape Plex's own agent ids have. */
export function plexGuid(kind: string, key: string | number): string {
  return `plex://${kind}/${Number(key).toString(16).padStart(24, '0')}`;
}

export function isFakeLibrary(value: FakeLibrary | FakeLibraryDescription): value is FakeLibrary {
  return typeof (value as FakeLibrary).addPlay === 'function';
}

export function createFakeLibrary(description: FakeLibraryDescription): FakeLibrary {
  const items = new Map<string, FakeItem>();
  const removedItems = new Map<string, FakeItem>();
  let maxKey = 0;
  let nextPartId = 90_000;
  // Tautulli's row ids: increasing, never reused after a delete (a SQLite AUTOINCREMENT key).
  let nextPlayId = 1;

  const remember = (item: FakeItem) => {
    if (items.has(item.key) || removedItems.has(item.key)) throw new Error(`duplicate rating key ${item.key}`);
    items.set(item.key, item);
    maxKey = Math.max(maxKey, Number(item.key));
  };

  const sections: FakeSection[] = description.sections.map((s) => {
    const section: FakeSection = {
      id: s.id,
      title: s.title,
      type: s.type ?? 'artist',
      uuid: s.uuid ?? `00000000-0000-4000-8000-${String(s.id).padStart(12, '0')}`,
      artists: [],
    };
    for (const a of s.artists ?? []) {
      const artist: FakeArtist = {
        kind: 'artist',
        key: String(a.key),
        title: a.title,
        mbid: a.mbid,
        addedAt: DEFAULT_ADDED_AT,
        updatedAt: UPDATED_BASE + a.key,
        removed: false,
        section,
        albums: [],
      };
      remember(artist);
      section.artists.push(artist);
      for (const al of a.albums) {
        const album: FakeAlbum = {
          kind: 'album',
          key: String(al.key),
          title: al.title,
          mbid: al.mbid,
          addedAt: DEFAULT_ADDED_AT,
          updatedAt: UPDATED_BASE + al.key,
          removed: false,
          artist,
          year: al.year ?? (al.released ? Number(al.released.slice(0, 4)) : undefined),
          released: al.released,
          summary: al.summary ?? '',
          summaryLocked: false,
          studio: al.studio,
          tracks: [],
        };
        remember(album);
        artist.albums.push(album);
        al.tracks.forEach((t, position) => {
          const track: FakeTrack = {
            kind: 'track',
            key: String(t.key),
            title: t.title,
            mbid: t.mbid,
            addedAt: DEFAULT_ADDED_AT,
            updatedAt: UPDATED_BASE + t.key,
            removed: false,
            album,
            durationMs: Math.round(t.duration * 1000),
            trackArtist: t.artist,
            index: t.index ?? position + 1,
            disc: t.disc ?? 1,
            partId: nextPartId++,
          };
          remember(track);
          album.tracks.push(track);
        });
      }
    }
    return section;
  });

  const users: FakeUser[] = (description.users ?? []).map((u, position) => {
    const friendly = u.friendly ?? u.username;
    return {
      id: u.id,
      username: u.username,
      friendly,
      token: u.token,
      email: u.email ?? `${friendly.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.test`,
      admin: false,
      player: {
        platform: 'Android',
        product: 'Plexamp',
        player: 'Pixel 8',
        ip: `192.168.1.${20 + position + 1}`,
        machineId: `plexamp-${u.id}`,
        ...u.player,
      },
    };
  });
  const ownerIndex = Math.max(
    0,
    (description.users ?? []).findIndex((u) => u.admin),
  );
  const ownerUser = users[ownerIndex];
  if (ownerUser) ownerUser.admin = true;

  const ratings = new Map<number, Map<string, number>>();
  const plays: FakePlay[] = [];
  const sessions: FakeSession[] = [];
  const playlists: FakePlaylist[] = [];

  const live = (key: string | number): FakeItem | undefined => items.get(String(key));
  const liveTrack = (key: string | number): FakeTrack | undefined => {
    const item = live(key);
    return item?.kind === 'track' ? item : undefined;
  };
  const requireUser = (id: number): FakeUser => {
    const user = users.find((u) => u.id === id);
    if (!user) throw new Error(`no user ${id} in the fake library`);
    return user;
  };
  const requireTrack = (key: number | string): FakeTrack => {
    const track = liveTrack(key);
    if (!track) throw new Error(`no track ${key} in the fake library`);
    return track;
  };

  const snapshot = (track: FakeTrack): PlaySnapshot => ({
    key: track.key,
    albumKey: track.album.key,
    artistKey: track.album.artist.key,
    title: track.title,
    album: track.album.title,
    artist: track.album.artist.title,
    trackArtist: track.trackArtist,
    year: track.album.year,
    released: track.album.released,
    index: track.index,
    disc: track.disc,
    durationMs: track.durationMs,
    guid: plexGuid('track', track.key),
    thumb: trackThumb(track),
    sectionId: track.album.artist.section.id,
  });

  const descendants = (item: FakeItem): FakeItem[] => {
    if (item.kind === 'track') return [item];
    if (item.kind === 'album') return [item, ...item.tracks];
    return [item, ...item.albums.flatMap((album) => [album, ...album.tracks])];
  };

  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

  const library: FakeLibrary = {
    server: {
      name: description.server?.name ?? 'Fake PMS',
      machineIdentifier: description.server?.machineIdentifier ?? '0123456789abcdef0123456789abcdef01234567',
      version: description.server?.version ?? '1.41.3.9314-a0bfb8370',
      platform: description.server?.platform ?? 'Linux',
    },
    sections,
    users,
    plays,
    sessions,
    playlists,
    ratings,
    owner() {
      if (!ownerUser) throw new Error('the fake library has no users');
      return ownerUser;
    },
    user: (id) => users.find((u) => u.id === id),
    userByToken: (token) => users.find((u) => u.token !== undefined && u.token === token),
    item: live,
    track: liveTrack,
    artistsOf: (section) => section.artists.filter((a) => !a.removed).sort(byTitle),
    albumsOf: (section) =>
      library
        .artistsOf(section)
        .flatMap((artist) => artist.albums.filter((a) => !a.removed).sort((a, b) => (a.year ?? 0) - (b.year ?? 0))),
    tracksOf: (section) =>
      library
        .albumsOf(section)
        .flatMap((album) =>
          album.tracks.filter((t) => !t.removed).sort((a, b) => a.disc - b.disc || a.index - b.index),
        ),
    rating: (userId, key) => ratings.get(userId)?.get(key),
    addPlay(play) {
      requireUser(play.user);
      const track = requireTrack(play.track);
      const percent = play.percent ?? 100;
      if (!(percent >= 0 && percent <= 100)) throw new Error('a play percent is 0–100');
      const started = toUnixSeconds(play.at);
      const played = play.played ?? Math.round((track.durationMs / 1000) * (percent / 100));
      const record: FakePlay = {
        id: nextPlayId++,
        userId: play.user,
        track: snapshot(track),
        started,
        stopped: started + played,
        viewOffsetMs: Math.round(track.durationMs * (percent / 100)),
        pausedSeconds: 0,
      };
      plays.push(record);
      return record;
    },
    removePlay(id) {
      const at = plays.findIndex((p) => p.id === id);
      const removed = plays[at];
      if (!removed) throw new Error(`no play ${id} to remove`);
      plays.splice(at, 1);
      return removed;
    },
    startSession(session) {
      requireUser(session.user);
      const track = requireTrack(session.track);
      const sessionKey = session.sessionKey ?? 41 + sessions.length + 1;
      if (sessions.some((s) => s.sessionKey === sessionKey)) throw new Error(`session ${sessionKey} exists`);
      const record: FakeSession = {
        sessionKey,
        userId: session.user,
        trackKey: track.key,
        viewOffsetMs:
          session.offset !== undefined
            ? Math.round(session.offset * 1000)
            : Math.round(track.durationMs * ((session.progress ?? 21) / 100)),
        state: session.state ?? 'playing',
        startedAt: toUnixSeconds(session.startedAt ?? new Date()),
      };
      sessions.push(record);
      return record;
    },
    stopSession(sessionKey) {
      const at = sessions.findIndex((s) => s.sessionKey === sessionKey);
      if (at !== -1) sessions.splice(at, 1);
    },
    remove(key) {
      const item = live(key);
      if (!item) throw new Error(`no live item ${key} to remove`);
      for (const it of descendants(item)) {
        it.removed = true;
        items.delete(it.key);
        removedItems.set(it.key, it);
      }
    },
    readd(key) {
      const item = removedItems.get(String(key));
      if (!item) throw new Error(`item ${key} was not removed`);
      const parentRemoved =
        (item.kind === 'album' && item.artist.removed) || (item.kind === 'track' && item.album.removed);
      if (parentRemoved) throw new Error(`re-add the parent of ${key} first`);
      const renamed = new Map<string, string>();
      for (const it of descendants(item)) {
        removedItems.delete(it.key);
        const fresh = String(++maxKey);
        renamed.set(it.key, fresh);
        it.key = fresh;
        it.removed = false;
        it.addedAt = Math.floor(Date.now() / 1000);
        if (it.kind === 'track') it.partId = nextPartId++;
        items.set(fresh, it);
      }
      for (const perUser of ratings.values()) for (const old of renamed.keys()) perUser.delete(old);
      return renamed;
    },
  };

  for (const r of description.ratings ?? []) {
    requireUser(r.user);
    if (!live(r.key)) throw new Error(`no item ${r.key} to rate`);
    const perUser = ratings.get(r.user) ?? new Map<string, number>();
    ratings.set(r.user, perUser);
    perUser.set(String(r.key), r.rating);
  }
  for (const play of description.plays ?? []) library.addPlay(play);
  for (const session of description.sessions ?? []) library.startSession(session);
  return library;
}

/** A track's `thumb` is its album's poster (cache-busted by the track's update time, as Plex does). */
export function trackThumb(track: FakeTrack): string {
  return `/library/metadata/${track.album.key}/thumb/${track.updatedAt}`;
}

export function albumThumb(album: FakeAlbum): string {
  return `/library/metadata/${album.key}/thumb/${album.updatedAt}`;
}

export function artistThumb(artist: FakeArtist): string {
  return `/library/metadata/${artist.key}/thumb/${artist.updatedAt}`;
}

export function partKey(track: FakeTrack, container: string): string {
  return `/library/parts/${track.partId}/${track.updatedAt}/file.${container}`;
}
