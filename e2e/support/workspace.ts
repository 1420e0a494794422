// e2e/ is not a workspace package (ADR 0170): it reaches the packages through the entry files their
// `exports` maps name — the same public API a service imports — and nothing deeper.
export { writeFakeDemucsModel } from '../../packages/audio/src/testing/index.ts';
export { type Bus, consoleStreamKey, createBus, createMeta } from '../../packages/contracts/src/index.ts';
export { createDb, type DbClient, getUserByDiscordId, linkPlexUser, upsertUser } from '../../packages/db/src/index.ts';
export { createTestDatabase, type TestDatabase } from '../../packages/db/src/testing.ts';
export { readConsoleEntry } from '../../packages/discord/src/index.ts';
export {
  type CallbackRecord,
  type FakeDiscord,
  generateInteractionKeys,
  type InteractionHandle,
  startFakeDiscord,
} from '../../packages/discord/src/testing/index.ts';
export { BUSY_MESSAGE, interactionKeys } from '../../packages/ingress/src/index.ts';
export { formatPercent, progressBar } from '../../packages/listening/src/index.ts';
export {
  createFakeLibrary,
  type FakeLibrary,
  type FakeLibraryDescription,
  type FakePlex,
  householdLibrary,
  startFakePlex,
} from '../../packages/plex/src/testing/index.ts';
export { createLogger, createRedis, type Redis } from '../../packages/runtime/src/index.ts';
export { freePort, type LogLine, type SpawnedService, spawnService } from '../../packages/runtime/src/testing/index.ts';
export { type FakeTautulli, startFakeTautulli } from '../../packages/tautulli/src/testing/index.ts';
export { STEMS } from '../../packages/terms/src/remix.ts';
export { testQueuePrefix, testRedisUrl } from '../../packages/testkit/src/index.ts';
