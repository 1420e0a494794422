export { type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts';
export {
  type CallbackRecord,
  type FakeDiscord,
  type FakeDiscordOptions,
  generateInteractionKeys,
  type HttpInteractionResult,
  type InteractionHandle,
  type InteractionKeys as DiscordInteractionKeys,
  NONCE_WINDOW_MS as DISCORD_NONCE_WINDOW_MS,
  type RestRequest as DiscordRestRequest,
  sharedSpecValidator as discordSpecValidator,
  signedInteractionHeaders,
  signInteraction,
  startFakeDiscord,
  type Violation as DiscordViolation,
} from './fakes/discord/index.ts';
export {
  dockerSpecValidator,
  encodeFrame as encodeDockerFrame,
  type FakeContainerInput as FakeDockerContainerInput,
  type FakeDocker,
  type FakeDockerBehaviour,
  type FakeDockerOptions,
  type FakeDockerProxy,
  type FakeDockerRequest,
  inspectResponse as fakeDockerInspect,
  startFakeDocker,
} from './fakes/docker/index.ts';
export {
  createFakeLibrary,
  createPlexSpecValidator,
  type FakeLibrary,
  type FakeLibraryDescription,
  type FakePlex,
  type FakePlexOptions,
  householdLibrary,
  plexSpecValidator,
  type ServerControls as FakeServerControls,
  sampleLibrary,
  silentWav,
  startFakePlex,
} from './fakes/plex/index.ts';
export {
  type FakeTautulli,
  type FakeTautulliOptions,
  startFakeTautulli,
  tautulliFixture,
  tautulliFixtureText,
} from './fakes/tautulli/index.ts';
export {
  createEmptyDatabase,
  type TestDatabase,
  testDatabaseServerUrl,
  testQueuePrefix,
  testRedisUrl,
} from './services.ts';
