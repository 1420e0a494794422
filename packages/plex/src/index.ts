export {
  createPlexClient,
  type EditAlbumSummaryInput,
  type PlexClient,
  type PlexClientOptions,
  type RequestOptions,
  type SearchOptions,
  type SectionId,
  type SmartPlaylistInput,
  type ThumbnailOptions,
} from './client.ts';
export { isPlexError, PlexError, type PlexErrorKind } from './errors.ts';
export { musicBrainzId } from './guid.ts';
export { topRatedUri } from './smart-playlist.ts';
export type { PlexDownload } from './transport.ts';
export type * from './types.ts';
