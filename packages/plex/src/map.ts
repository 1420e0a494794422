import { musicBrainzId } from './guid.ts';
import type { RawAlbum, RawArtist, RawPlaylist, RawSection, RawSession, RawTrack } from './schemas.ts';
import type { PlexAlbum, PlexArtist, PlexPlaylist, PlexSection, PlexSession, PlexTrack } from './types.ts';

export function toSection(raw: RawSection): PlexSection {
  return { id: raw.key, title: raw.title, type: raw.type, uuid: raw.uuid, agent: raw.agent };
}

export function toArtist(raw: RawArtist): PlexArtist {
  return {
    ratingKey: raw.ratingKey,
    title: raw.title,
    mbid: musicBrainzId(raw.Guid),
    sectionId: raw.librarySectionID,
    thumb: raw.thumb,
    userRating: raw.userRating,
    addedAt: raw.addedAt,
  };
}

export function toAlbum(raw: RawAlbum): PlexAlbum {
  return {
    ratingKey: raw.ratingKey,
    title: raw.title,
    artistRatingKey: raw.parentRatingKey,
    artist: raw.parentTitle,
    year: raw.year,
    trackCount: raw.leafCount,
    releaseDate: raw.originallyAvailableAt,
    summary: raw.summary,
    mbid: musicBrainzId(raw.Guid),
    sectionId: raw.librarySectionID,
    thumb: raw.thumb,
    userRating: raw.userRating,
  };
}

export function toTrack(raw: RawTrack): PlexTrack {
  const trackArtist = raw.originalTitle?.trim() ? raw.originalTitle : undefined;
  const media = raw.Media?.[0];
  return {
    ratingKey: raw.ratingKey,
    title: raw.title,
    albumRatingKey: raw.parentRatingKey,
    album: raw.parentTitle,
    albumArtistRatingKey: raw.grandparentRatingKey,
    albumArtist: raw.grandparentTitle,
    artist: trackArtist ?? raw.grandparentTitle,
    trackArtist,
    index: raw.index,
    disc: raw.parentIndex,
    durationMs: raw.duration ?? media?.duration,
    mbid: musicBrainzId(raw.Guid),
    userRating: raw.userRating,
    viewCount: raw.viewCount,
    lastViewedAt: raw.lastViewedAt,
    sectionId: raw.librarySectionID,
    thumb: raw.thumb ?? raw.parentThumb,
    codec: media?.audioCodec ?? media?.container,
    parts: (raw.Media ?? []).flatMap((m) =>
      (m.Part ?? []).map((part) => ({
        id: part.id,
        key: part.key,
        file: part.file,
        size: part.size,
        container: part.container ?? m.container,
      })),
    ),
  };
}

export function toSession(raw: RawSession): PlexSession {
  const trackArtist = raw.originalTitle?.trim() ? raw.originalTitle : undefined;
  return {
    sessionKey: raw.sessionKey,
    ratingKey: raw.ratingKey,
    type: raw.type,
    title: raw.title,
    artist: trackArtist ?? raw.grandparentTitle,
    album: raw.type === 'track' ? raw.parentTitle : undefined,
    albumRatingKey: raw.type === 'track' ? raw.parentRatingKey : undefined,
    artistRatingKey: raw.grandparentRatingKey,
    durationMs: raw.duration,
    viewOffsetMs: raw.viewOffset,
    sectionId: raw.librarySectionID,
    user: { id: raw.User?.id, title: raw.User?.title },
    player: {
      title: raw.Player?.title,
      product: raw.Player?.product,
      platform: raw.Player?.platform,
      state: raw.Player?.state,
      local: raw.Player?.local,
    },
    bandwidthKbps: raw.Session?.bandwidth,
    location: raw.Session?.location,
    transcoding: raw.TranscodeSession !== undefined,
  };
}

export function toPlaylist(raw: RawPlaylist): PlexPlaylist {
  return {
    ratingKey: raw.ratingKey,
    title: raw.title,
    smart: raw.smart ?? false,
    playlistType: raw.playlistType,
    itemCount: raw.leafCount,
    content: raw.content,
  };
}
