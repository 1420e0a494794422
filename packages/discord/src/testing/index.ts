// The fake Discord for tests (ADR 0080, 0221): REST, gateway and HTTP interactions on one port, every
// request body validated against Discord's OpenAPI description in this package's fixtures/.
export type {
  FakeDiscord,
  FakeDiscordOptions,
  FakeGuildOptions,
  HttpInteractionOptions,
  HttpInteractionResult,
  InjectOptions,
  InteractionHandle,
  RateLimitOptions,
  WaitOptions,
} from './api.ts';
export type { GatewaySend } from './gateway.ts';
export {
  generateInteractionKeys,
  type InteractionKeys as DiscordInteractionKeys,
  signedInteractionHeaders,
  signInteraction,
} from './http-interactions.ts';
export { NONCE_WINDOW_MS as DISCORD_NONCE_WINDOW_MS } from './message-store.ts';
export { startFakeDiscord } from './server.ts';
export type { FakeChannel, FakeGuild, FakeUser, FakeVoiceState, JsonObject } from './shapes.ts';
export {
  createSpecValidator,
  loadBundledSpec,
  type SpecValidator,
  sharedSpecValidator as discordSpecValidator,
  type ValidationIssue,
  type ValidationResult,
} from './spec-validator.ts';
export type {
  CallbackRecord,
  RestRequest as DiscordRestRequest,
  UploadedFile,
  Violation as DiscordViolation,
} from './state.ts';
