// The shared test plumbing: recording HTTP servers the fakes are built on, and the test databases
// and Redis. Each upstream's fake lives beside its client as that package's `./testing` entry
// (`@autoalex/plex/testing`, `@autoalex/tautulli/testing`, `@autoalex/docker/testing`,
// `@autoalex/discord/testing`), so this package depends on none of them.
export {
  type ControllableServer,
  type FakeReply,
  type Interceptor,
  type ServerControls,
  startControllableServer,
} from './controllable-server.ts';
export { type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts';
export { type PrivateRedis, startPrivateRedis } from './redis-server.ts';
export {
  createEmptyDatabase,
  type TestDatabase,
  testDatabaseServerUrl,
  testQueuePrefix,
  testRedisUrl,
} from './services.ts';
