export type { GatewaySend } from './gateway.ts';
export {
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuildOptions,
  type InjectOptions,
  type InteractionHandle,
  type RateLimitOptions,
  startFakeDiscord,
  type WaitOptions,
} from './server.ts';
export type { FakeChannel, FakeGuild, FakeUser, FakeVoiceState, JsonObject } from './shapes.ts';
export {
  createSpecValidator,
  loadBundledSpec,
  type SpecValidator,
  sharedSpecValidator,
  type ValidationIssue,
  type ValidationResult,
} from './spec-validator.ts';
export type { CallbackRecord, RestRequest, UploadedFile, Violation } from './state.ts';
