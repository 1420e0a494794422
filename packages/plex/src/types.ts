/** What the suite works with. Rating keys and section ids are strings, as Plex sends them. */

export interface PlexIdentity {
  machineIdentifier: string;
  version: string;
  claimed: boolean | undefined;
}

export interface PlexSection {
  id: string;
  title: string;
  /** `artist` for music sections. */
  type: string;
  uuid: string | undefined;
  agent: string | undefined;
}

export interface PlexArtist {
  ratingKey: string;
  title: string;
  /** MusicBrainz artist id from `Guid[]` (`mbid://…`), when Plex matched one. */
  mbid: string | undefined;
  sectionId: string | undefined;
  thumb: string | undefined;
  userRating: number | undefined;
  addedAt: number | undefined;
}

export interface PlexAlbum {
  ratingKey: string;
  title: string;
  artistRatingKey: string | undefined;
  /** The album artist (`parentTitle`). */
  artist: string | undefined;
  year: number | undefined;
  /** Number of tracks (`leafCount`). */
  trackCount: number | undefined;
  releaseDate: string | undefined;
  summary: string | undefined;
  mbid: string | undefined;
  sectionId: string | undefined;
  thumb: string | undefined;
  userRating: number | undefined;
}

export interface PlexPart {
  id: string;
  /** `/library/parts/{id}/{changestamp}/file.ext`; give it to `downloadPart`. */
  key: string;
  file: string | undefined;
  size: number | undefined;
  container: string | undefined;
}

export interface PlexTrack {
  ratingKey: string;
  title: string;
  albumRatingKey: string;
  album: string;
  /** The album artist (`grandparentTitle`) and its rating key. */
  albumArtistRatingKey: string;
  albumArtist: string;
  /** Who performs this track: `originalTitle` when Plex has a track artist, else the album artist. */
  artist: string;
  /** `originalTitle` only (a guest or compilation track artist); undefined when it is the album artist. */
  trackArtist: string | undefined;
  index: number | undefined;
  disc: number | undefined;
  durationMs: number | undefined;
  /** MusicBrainz recording/track id from `Guid[]`, when Plex matched one. */
  mbid: string | undefined;
  userRating: number | undefined;
  viewCount: number | undefined;
  lastViewedAt: number | undefined;
  sectionId: string | undefined;
  /** The track's image, else its album's (`parentThumb`): a path on the server, for `thumbnail`. */
  thumb: string | undefined;
  codec: string | undefined;
  parts: PlexPart[];
}

export interface PlexSession {
  sessionKey: string | undefined;
  ratingKey: string;
  type: string;
  title: string;
  /** Track artist (originalTitle) or the album artist for tracks; the show for episodes. */
  artist: string | undefined;
  album: string | undefined;
  albumRatingKey: string | undefined;
  artistRatingKey: string | undefined;
  durationMs: number | undefined;
  viewOffsetMs: number | undefined;
  sectionId: string | undefined;
  user: { id: string | undefined; title: string | undefined };
  player: {
    title: string | undefined;
    product: string | undefined;
    platform: string | undefined;
    state: string | undefined;
    local: boolean | undefined;
  };
  bandwidthKbps: number | undefined;
  location: string | undefined;
  transcoding: boolean;
}

export interface PlexSearchResults {
  artists: PlexArtist[];
  albums: PlexAlbum[];
  tracks: PlexTrack[];
}

export interface PlexPlaylist {
  ratingKey: string;
  title: string;
  smart: boolean;
  playlistType: string | undefined;
  itemCount: number | undefined;
  /** For smart playlists, the library uri the playlist filters. */
  content: string | undefined;
}
