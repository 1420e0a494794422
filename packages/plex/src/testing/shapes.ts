import {
  albumThumb,
  artistThumb,
  type FakeAlbum,
  type FakeArtist,
  type FakeLibrary,
  type FakePlaylist,
  type FakeSection,
  type FakeSession,
  type FakeTrack,
  type FakeUser,
  partKey,
  plexGuid,
  trackThumb,
} from './library.ts';

/**
 * Plex's JSON for sections, artists, albums, tracks, sessions and playlists, field by field as a
 * real server (1.41) sends them; checked against the community OpenAPI schemas in the tests.
 * Per-user fields (userRating, viewCount, lastViewedAt) are those of the user whose token asked.
 */

export type JsonObject = Record<string, unknown>;

export interface ShapeContext {
  library: FakeLibrary;
  user: FakeUser;
  /** `includeGuids=1`: add `Guid: [{ id: "mbid://…" }]` (detail and children views always do). */
  includeGuids: boolean;
  audio: { container: string; codec: string; bytes: number };
}

const SECTION_AGENT: Record<string, [agent: string, scanner: string]> = {
  artist: ['tv.plex.agents.music', 'Plex Music'],
  movie: ['tv.plex.agents.movie', 'Plex Movie'],
  show: ['tv.plex.agents.series', 'Plex TV Series'],
  photo: ['com.plexapp.agents.none', 'Plex Photo Scanner'],
};

export function sectionJson(section: FakeSection): JsonObject {
  const [agent, scanner] = SECTION_AGENT[section.type] ?? ['com.plexapp.agents.none', 'Plex Scanner'];
  return {
    allowSync: true,
    art: `/:/resources/${section.type}-fanart.jpg`,
    composite: `/library/sections/${section.id}/composite/1700000000`,
    filters: true,
    refreshing: false,
    thumb: `/:/resources/${section.type}.png`,
    key: String(section.id),
    type: section.type,
    title: section.title,
    agent,
    scanner,
    language: 'en-US',
    uuid: section.uuid,
    updatedAt: 1700000000,
    createdAt: 1600000000,
    scannedAt: 1700000000,
    content: true,
    directory: true,
    contentChangedAt: 1000,
    Location: [{ id: section.id, path: section.type === 'artist' ? '/music' : `/${section.type}` }],
  };
}

function sectionFields(section: FakeSection): JsonObject {
  return {
    librarySectionTitle: section.title,
    librarySectionID: section.id,
    librarySectionKey: `/library/sections/${section.id}`,
  };
}

function guids(context: ShapeContext, mbid: string | undefined): JsonObject {
  return context.includeGuids && mbid ? { Guid: [{ id: `mbid://${mbid}` }] } : {};
}

function userFields(context: ShapeContext, key: string): JsonObject {
  const out: JsonObject = {};
  const rating = context.library.rating(context.user.id, key);
  if (rating !== undefined) out.userRating = rating;
  const plays = context.library.plays.filter((p) => p.userId === context.user.id && p.track.key === key);
  if (plays.length > 0) {
    out.viewCount = plays.length;
    out.lastViewedAt = Math.max(...plays.map((p) => p.stopped));
  }
  return out;
}

export function artistJson(artist: FakeArtist, context: ShapeContext): JsonObject {
  return {
    ratingKey: artist.key,
    key: `/library/metadata/${artist.key}/children`,
    guid: plexGuid('artist', artist.key),
    type: 'artist',
    title: artist.title,
    ...sectionFields(artist.section),
    summary: '',
    index: 1,
    thumb: artistThumb(artist),
    art: `/library/metadata/${artist.key}/art/${artist.updatedAt}`,
    addedAt: artist.addedAt,
    updatedAt: artist.updatedAt,
    ...userFields(context, artist.key),
    ...guids(context, artist.mbid),
  };
}

export function albumJson(album: FakeAlbum, context: ShapeContext): JsonObject {
  const artist = album.artist;
  const tracks = album.tracks.filter((t) => !t.removed);
  const viewed = tracks.filter((t) =>
    context.library.plays.some((p) => p.userId === context.user.id && p.track.key === t.key),
  ).length;
  return {
    ratingKey: album.key,
    key: `/library/metadata/${album.key}/children`,
    parentRatingKey: artist.key,
    guid: plexGuid('album', album.key),
    parentGuid: plexGuid('artist', artist.key),
    ...(album.studio ? { studio: album.studio } : {}),
    type: 'album',
    title: album.title,
    parentKey: `/library/metadata/${artist.key}`,
    ...sectionFields(artist.section),
    parentTitle: artist.title,
    summary: album.summary,
    index: 1,
    ...(album.year !== undefined ? { year: album.year } : {}),
    thumb: albumThumb(album),
    art: `/library/metadata/${artist.key}/art/${artist.updatedAt}`,
    parentThumb: artistThumb(artist),
    ...(album.released ? { originallyAvailableAt: album.released } : {}),
    leafCount: tracks.length,
    viewedLeafCount: viewed,
    addedAt: album.addedAt,
    updatedAt: album.updatedAt,
    loudnessAnalysisVersion: '2',
    musicAnalysisVersion: '1',
    ...userFields(context, album.key),
    ...(album.summaryLocked ? { Field: [{ locked: true, name: 'summary' }] } : {}),
    ...guids(context, album.mbid),
  };
}

export function trackJson(track: FakeTrack, context: ShapeContext): JsonObject {
  const album = track.album;
  const artist = album.artist;
  const { container, codec, bytes } = context.audio;
  const file = `/music/${artist.title}/${album.title}/${String(track.index).padStart(2, '0')} ${track.title}.${container}`;
  return {
    ratingKey: track.key,
    key: `/library/metadata/${track.key}`,
    parentRatingKey: album.key,
    grandparentRatingKey: artist.key,
    guid: plexGuid('track', track.key),
    parentGuid: plexGuid('album', album.key),
    grandparentGuid: plexGuid('artist', artist.key),
    type: 'track',
    title: track.title,
    grandparentKey: `/library/metadata/${artist.key}`,
    parentKey: `/library/metadata/${album.key}`,
    ...sectionFields(artist.section),
    grandparentTitle: artist.title,
    parentTitle: album.title,
    ...(track.trackArtist ? { originalTitle: track.trackArtist } : {}),
    summary: '',
    index: track.index,
    parentIndex: track.disc,
    ...(album.year !== undefined ? { parentYear: album.year } : {}),
    thumb: trackThumb(track),
    art: `/library/metadata/${artist.key}/art/${artist.updatedAt}`,
    parentThumb: albumThumb(album),
    grandparentThumb: artistThumb(artist),
    grandparentArt: `/library/metadata/${artist.key}/art/${artist.updatedAt}`,
    duration: track.durationMs,
    addedAt: track.addedAt,
    updatedAt: track.updatedAt,
    musicAnalysisVersion: '1',
    ...userFields(context, track.key),
    Media: [
      {
        id: track.partId - 10_000,
        duration: track.durationMs,
        bitrate: 1411,
        audioChannels: 2,
        audioCodec: codec,
        container,
        Part: [
          {
            id: track.partId,
            key: partKey(track, container),
            duration: track.durationMs,
            file,
            size: bytes,
            container,
            hasThumbnail: '0',
          },
        ],
      },
    ],
    ...guids(context, track.mbid),
  };
}

export function sessionJson(session: FakeSession, track: FakeTrack, context: ShapeContext): JsonObject {
  const user = context.library.user(session.userId);
  const viewer: ShapeContext = user ? { ...context, user } : context;
  return {
    ...trackJson(track, viewer),
    sessionKey: String(session.sessionKey),
    viewOffset: session.viewOffsetMs,
    User: {
      id: String(session.userId),
      thumb: `https://plex.tv/users/${session.userId}/avatar`,
      title: user?.username ?? 'unknown',
    },
    Player: {
      address: user?.player.ip ?? '127.0.0.1',
      machineIdentifier: user?.player.machineId ?? 'unknown',
      model: 'Pixel 8',
      platform: user?.player.platform ?? 'Android',
      platformVersion: '14',
      product: user?.player.product ?? 'Plexamp',
      profile: 'Android',
      state: session.state,
      title: user?.player.player ?? 'Player',
      version: '4.11.2',
      local: true,
      relayed: false,
      secure: true,
      userID: session.userId,
    },
    Session: { id: `sessionid${session.sessionKey}`, bandwidth: 1500, location: 'lan' },
  };
}

export function playlistJson(playlist: FakePlaylist, itemCount: number, durationMs: number): JsonObject {
  return {
    ratingKey: playlist.key,
    key: `/playlists/${playlist.key}/items`,
    guid: `com.plexapp.agents.none://${playlist.key.padStart(8, '0')}-0000-4000-8000-000000000000`,
    type: 'playlist',
    title: playlist.title,
    summary: '',
    smart: playlist.smart,
    playlistType: playlist.type,
    composite: `/playlists/${playlist.key}/composite/${playlist.addedAt}`,
    icon: playlist.smart ? 'playlist://image.smart' : 'playlist://image.regular',
    duration: durationMs,
    leafCount: itemCount,
    addedAt: playlist.addedAt,
    updatedAt: playlist.addedAt,
    ...(playlist.smart ? { content: playlist.uri } : {}),
  };
}
