// bench/ is not a workspace package (ADR 0170): it reaches the packages through the entry files their
// `exports` maps name, and the two services whose real code it measures through their source files.
export {
  createBus,
  createMeta,
  type InteractionJob,
  type Logger,
  runWorker,
  silentLogger,
} from '../../packages/contracts/src/index.ts';
export { createDb } from '../../packages/db/src/index.ts';
export { createDiscordRest } from '../../packages/discord/src/index.ts';
export {
  createDeadlineGuard,
  createRestResponder,
  type GuardOutcome,
  redisClaims,
} from '../../packages/ingress/src/index.ts';
export { createLogger, createRedis, type Redis } from '../../packages/runtime/src/index.ts';
export { freePort, type SpawnedService, spawnService } from '../../packages/runtime/src/testing/spawn-service.ts';
export { relayInteraction } from '../../services/gateway/src/relay-interaction.ts';
export { handleInteraction } from '../../services/interactions/src/handle-interaction.ts';
export { createServiceDeps } from '../../services/interactions/src/service-deps.ts';

/** The interactions service's entry, for running the real process. */
export const INTERACTIONS_MAIN = new URL('../../services/interactions/src/main.ts', import.meta.url);
