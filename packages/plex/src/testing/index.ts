// The fake Plex Media Server for tests (ADR 0092, 0221): a Plex household model shared with the
// fake Tautulli (`@autoalex/tautulli/testing`), the server that answers it, and the spec checks.
export { silentWav } from './audio.ts';
export { householdLibrary } from './household-library.ts';
export {
  createFakeLibrary,
  type FakeAlbum,
  type FakeAlbumDescription,
  type FakeArtist,
  type FakeArtistDescription,
  type FakeLibrary,
  type FakeLibraryDescription,
  type FakePlay,
  type FakePlayDescription,
  type FakePlayer,
  type FakePlaylist,
  type FakeRatingDescription,
  type FakeSection,
  type FakeSectionDescription,
  type FakeSession,
  type FakeSessionDescription,
  type FakeTrack,
  type FakeTrackDescription,
  type FakeUser,
  type FakeUserDescription,
  isFakeLibrary,
  plexGuid,
  trackThumb,
} from './library.ts';
export { sampleLibrary } from './sample-library.ts';
export { type FakePlex, type FakePlexOptions, startFakePlex } from './server.ts';
export {
  createPlexSpecValidator,
  type PlexSpecValidator,
  plexSpecValidator,
  type SpecCheck,
} from './spec-validator.ts';
