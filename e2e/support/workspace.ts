// e2e/ is not a workspace package (ADR 0170): it reaches the packages through the entry files their
// `exports` maps name — the same public API a service imports — and nothing deeper.
export { createBus } from '../../packages/contracts/src/index.ts';
export { createTestDatabase, type TestDatabase } from '../../packages/db/src/testing.ts';
export { BUSY_MESSAGE, interactionKeys } from '../../packages/ingress/src/index.ts';
export { createLogger, createRedis, type Redis } from '../../packages/runtime/src/index.ts';
export { freePort, type LogLine, type SpawnedService, spawnService } from '../../packages/runtime/src/testing/index.ts';
export {
  type CallbackRecord,
  type FakeDiscord,
  generateInteractionKeys,
  type InteractionHandle,
  startFakeDiscord,
  testQueuePrefix,
  testRedisUrl,
} from '../../packages/testkit/src/index.ts';
