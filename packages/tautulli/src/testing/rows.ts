import {
  type FakeLibrary,
  type FakePlay,
  type FakeSession,
  type FakeUser,
  plexGuid,
  trackThumb,
} from '@autoalex/plex/testing';
import { tautulliFixture } from './fixtures.ts';

/**
 * Tautulli's rows, field for field (names, order and JSON types) as the recorded v2.17.2 answers
 * have them; the conformance tests compare them key by key and type by type with the fixtures.
 */

export type Row = Record<string, unknown>;

/** Tautulli's music "watched" threshold (MUSIC_WATCHED_PERCENT, default 85). */
const MUSIC_WATCHED_PERCENT = 85;

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (Math.abs(diff - 0.5) > 1e-9) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Tautulli's watched_status from the offset and the track length (check_watched + quarter steps). */
export function watchedStatus(viewOffsetMs: number, durationMs: number): number {
  const threshold = (MUSIC_WATCHED_PERCENT / 100) * durationMs;
  if (threshold > 0 && viewOffsetMs >= threshold) return 1;
  const percent = durationMs > 0 ? (viewOffsetMs / durationMs) * 100 : 0;
  const base = MUSIC_WATCHED_PERCENT / 4;
  if (percent >= base * 3) return 0.75;
  if (percent >= base * 2) return 0.5;
  if (percent >= base) return 0.25;
  return 0;
}

function percentComplete(viewOffsetMs: number, durationMs: number): number {
  return roundHalfEven((viewOffsetMs / (durationMs || 1)) * 100);
}

export function userThumb(userId: number): string {
  return `https://plex.tv/users/${userId}/avatar`;
}

function playerFields(user: FakeUser | undefined): Row {
  return {
    platform: user?.player.platform ?? 'Unknown',
    product: user?.player.product ?? 'Unknown',
    player: user?.player.player ?? 'Unknown',
    ip_address: user?.player.ip ?? '127.0.0.1',
    live: 0,
    machine_id: user?.player.machineId ?? 'unknown',
    location: 'lan',
    secure: 1,
    relayed: 0,
  };
}

export interface HistoryEntry {
  row: Row;
  /** Filter inputs Tautulli has but does not show in the row. */
  sectionId: number;
  mediaType: string;
  /** Track length in ms (what order_column=duration sorts by). */
  trackDurationMs: number;
  playDuration: number;
  isActivity: boolean;
}

/** A get_history row for a finished play (session_history + its metadata). */
export function historyEntry(play: FakePlay, library: FakeLibrary): HistoryEntry {
  const user = library.user(play.userId);
  const t = play.track;
  const playDuration = play.stopped - play.started - play.pausedSeconds;
  const row: Row = {
    reference_id: play.id,
    row_id: play.id,
    id: play.id,
    date: play.started,
    started: play.started,
    stopped: play.stopped,
    duration: playDuration,
    play_duration: playDuration,
    paused_counter: play.pausedSeconds,
    user_id: play.userId,
    user: user?.username ?? '',
    friendly_name: user?.friendly ?? user?.username ?? '',
    user_thumb: userThumb(play.userId),
    ...playerFields(user),
    media_type: 'track',
    rating_key: Number(t.key),
    parent_rating_key: Number(t.albumKey),
    grandparent_rating_key: Number(t.artistKey),
    full_title: `${t.title} - ${t.trackArtist || t.artist}`,
    title: t.title,
    parent_title: t.album,
    grandparent_title: t.artist,
    original_title: t.trackArtist ?? '',
    year: t.year ?? '',
    media_index: t.index,
    parent_media_index: t.disc,
    thumb: t.thumb,
    originally_available_at: t.released ?? '',
    guid: t.guid,
    transcode_decision: 'direct play',
    percent_complete: percentComplete(play.viewOffsetMs, t.durationMs),
    watched_status: watchedStatus(play.viewOffsetMs, t.durationMs),
    group_count: 1,
    group_ids: String(play.id),
    state: null,
    session_key: null,
  };
  return {
    row,
    sectionId: t.sectionId,
    mediaType: 'track',
    trackDurationMs: t.durationMs,
    playDuration,
    isActivity: false,
  };
}

/** A live session as get_history lists it with include_activity=1 (from Tautulli's sessions table). */
export function activityEntry(session: FakeSession, library: FakeLibrary): HistoryEntry | undefined {
  const track = library.track(session.trackKey);
  if (!track) return undefined;
  const user = library.user(session.userId);
  const album = track.album;
  const artist = album.artist;
  const row: Row = {
    reference_id: null,
    row_id: null,
    id: null,
    date: session.startedAt,
    started: session.startedAt,
    stopped: session.startedAt,
    duration: 0,
    play_duration: 0,
    paused_counter: 0,
    user_id: session.userId,
    user: user?.username ?? '',
    friendly_name: user?.friendly ?? user?.username ?? '',
    user_thumb: userThumb(session.userId),
    ...playerFields(user),
    media_type: 'track',
    rating_key: Number(track.key),
    parent_rating_key: Number(album.key),
    grandparent_rating_key: Number(artist.key),
    full_title: `${track.title} - ${track.trackArtist || artist.title}`,
    title: track.title,
    parent_title: album.title,
    grandparent_title: artist.title,
    original_title: track.trackArtist ?? '',
    year: album.year ?? '',
    media_index: track.index,
    parent_media_index: track.disc,
    thumb: trackThumb(track),
    originally_available_at: '',
    guid: plexGuid('track', track.key),
    transcode_decision: 'direct play',
    percent_complete: percentComplete(session.viewOffsetMs, track.durationMs),
    watched_status: watchedStatus(session.viewOffsetMs, track.durationMs),
    group_count: null,
    group_ids: null,
    state: session.state,
    session_key: session.sessionKey,
  };
  return {
    row,
    sectionId: artist.section.id,
    mediaType: 'track',
    trackDurationMs: track.durationMs,
    playDuration: 0,
    isActivity: true,
  };
}

function musicSectionIds(library: FakeLibrary): string[] {
  return library.sections.filter((s) => s.type === 'artist').map((s) => String(s.id));
}

/** get_users: the built-in "Local" user first, then the household. */
export function userRows(library: FakeLibrary): Row[] {
  const local: Row = {
    row_id: 1,
    user_id: 0,
    username: 'Local',
    friendly_name: 'Local',
    thumb: null,
    email: null,
    is_active: 1,
    is_admin: 0,
    is_home_user: null,
    is_allow_sync: null,
    is_restricted: null,
    do_notify: 1,
    keep_history: 1,
    allow_guest: 0,
    shared_libraries: [],
    filter_all: null,
    filter_movies: null,
    filter_tv: null,
    filter_music: null,
    filter_photos: null,
  };
  return [
    local,
    ...library.users.map((user, position) => ({
      row_id: position + 2,
      user_id: user.id,
      username: user.username,
      friendly_name: user.friendly,
      thumb: userThumb(user.id),
      email: user.email,
      is_active: 1,
      is_admin: user.admin ? 1 : 0,
      is_home_user: 1,
      is_allow_sync: 1,
      is_restricted: 0,
      do_notify: 1,
      keep_history: 1,
      allow_guest: 0,
      shared_libraries: musicSectionIds(library),
      filter_all: null,
      filter_movies: null,
      filter_tv: null,
      filter_music: null,
      filter_photos: null,
    })),
  ];
}

const AGENTS: Record<string, string> = {
  artist: 'tv.plex.agents.music',
  movie: 'tv.plex.agents.movie',
  show: 'tv.plex.agents.series',
  photo: 'com.plexapp.agents.none',
};

/** get_libraries: counts are strings (artists / albums / tracks for music). */
export function libraryRows(library: FakeLibrary): Row[] {
  return library.sections.map((section) => {
    const artists = library.artistsOf(section);
    const albums = library.albumsOf(section);
    const tracks = library.tracksOf(section);
    return {
      section_id: String(section.id),
      section_name: section.title,
      section_type: section.type,
      agent: AGENTS[section.type] ?? 'com.plexapp.agents.none',
      thumb: `/:/resources/${section.type}.png`,
      art: `/:/resources/${section.type}-fanart.jpg`,
      count: String(artists.length),
      is_active: 1,
      parent_count: String(albums.length),
      child_count: String(tracks.length),
    };
  });
}

export function serverInfo(library: FakeLibrary, connected: boolean): Row {
  if (!connected) return tautulliFixture('empty-get_server_info.json').response.data as Row;
  return {
    pms_name: library.server.name,
    pms_version: library.server.version,
    pms_platform: library.server.platform,
    pms_ip: '127.0.0.1',
    pms_port: 32400,
    pms_ssl: 0,
    pms_url: 'http://127.0.0.1:32400',
    pms_url_manual: 0,
    pms_identifier: library.server.machineIdentifier,
    pms_plexpass: 1,
  };
}

let sessionTemplate: Row | undefined;

/** The recorded live track session (232 fields), the template every fake session is cut from. */
function template(): Row {
  if (!sessionTemplate) {
    const data = tautulliFixture('get_activity-with-fakepms-track.json').response.data as { sessions: Row[] };
    const first = data.sessions[0];
    if (!first) throw new Error('the recorded activity fixture has no session');
    sessionTemplate = first;
  }
  return sessionTemplate;
}

/** A get_activity session: Tautulli sends most numbers here as strings. */
export function activitySession(session: FakeSession, library: FakeLibrary): Row | undefined {
  const track = library.track(session.trackKey);
  if (!track) return undefined;
  const user = library.user(session.userId);
  const album = track.album;
  const artist = album.artist;
  const rating = library.rating(session.userId, track.key);
  const position = user ? library.users.indexOf(user) : -1;
  return {
    ...template(),
    session_key: String(session.sessionKey),
    media_type: 'track',
    view_offset: String(session.viewOffsetMs),
    progress_percent: String(Math.trunc((session.viewOffsetMs / (track.durationMs || 1)) * 100)),
    user: user?.username ?? '',
    section_id: String(artist.section.id),
    library_name: artist.section.title,
    rating_key: track.key,
    parent_rating_key: album.key,
    grandparent_rating_key: artist.key,
    title: track.title,
    parent_title: album.title,
    grandparent_title: artist.title,
    original_title: track.trackArtist ?? '',
    media_index: String(track.index),
    parent_media_index: String(track.disc),
    user_rating: rating === undefined ? '' : String(rating),
    duration: String(track.durationMs),
    year: album.year === undefined ? '' : String(album.year),
    parent_year: album.year === undefined ? '' : String(album.year),
    thumb: trackThumb(track),
    parent_thumb: `/library/metadata/${album.key}/thumb/${album.updatedAt}`,
    grandparent_thumb: `/library/metadata/${artist.key}/thumb/${artist.updatedAt}`,
    art: `/library/metadata/${artist.key}/art/${artist.updatedAt}`,
    added_at: String(track.addedAt),
    updated_at: String(track.updatedAt),
    guid: plexGuid('track', track.key),
    full_title: `${track.title} - ${track.trackArtist || artist.title}`,
    file: `/music/${artist.title}/${album.title}/${String(track.index).padStart(2, '0')} ${track.title}.flac`,
    row_id: position + 2,
    user_id: session.userId,
    username: user?.username ?? '',
    friendly_name: user?.friendly ?? '',
    user_thumb: userThumb(session.userId),
    email: user?.email ?? '',
    is_admin: user?.admin ? 1 : 0,
    ip_address: user?.player.ip ?? '127.0.0.1',
    device: user?.player.player ?? 'Unknown',
    platform: user?.player.platform ?? 'Unknown',
    product: user?.player.product ?? 'Unknown',
    player: user?.player.player ?? 'Unknown',
    machine_id: user?.player.machineId ?? 'unknown',
    state: session.state,
    session_id: `sessionid${session.sessionKey}`,
    stream_duration: String(track.durationMs),
  };
}
