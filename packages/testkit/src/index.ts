export { type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts';
export {
  createTestDatabase,
  type TestDatabase,
  testDatabaseServerUrl,
  testQueuePrefix,
  testRedisUrl,
} from './services.ts';
