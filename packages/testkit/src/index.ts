export { type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts';
export {
  type CallbackRecord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type InteractionHandle,
  type RestRequest as DiscordRestRequest,
  sharedSpecValidator as discordSpecValidator,
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
  createTestDatabase,
  type TestDatabase,
  testDatabaseServerUrl,
  testQueuePrefix,
  testRedisUrl,
} from './services.ts';
