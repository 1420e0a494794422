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
  type InteractionKeys,
  signedInteractionHeaders,
  signInteraction,
} from './http-interactions.ts';
export { NONCE_WINDOW_MS } from './message-store.ts';
export { startFakeDiscord } from './server.ts';
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
