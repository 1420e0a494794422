export { type ClaimStore, redisClaims } from './claims.ts';
export { describeDiscordError } from './errors.ts';
export {
  createDeadlineGuard,
  DEFAULT_BUSY_AFTER_MS,
  DEFAULT_DEFER_AFTER_MS,
  type DeadlineGuard,
  type DeadlineGuardOptions,
  type GuardOutcome,
  type GuardWatch,
  type WatchOptions,
} from './guard.ts';
export { type HttpInteractionsOptions, httpInteractions } from './http-plugin.ts';
export { pushHttpResponse } from './http-response.ts';
export {
  ABANDONED,
  GUARD_ACK_VALUE,
  HTTP_RESPONSE_TTL_MS,
  INTERACTION_KEY_TTL_MS,
  type InteractionKeys,
  interactionKeys,
} from './keys.ts';
export { createListWaiter, type ListWaiter, type ListWaiterOptions } from './list-waiter.ts';
export { type InteractionSource, type PublishDeps, type Published, publishInteraction } from './publish.ts';
export {
  createRestResponder,
  type GuardResponder,
  type InteractionTarget,
  type RestResponderOptions,
} from './responder.ts';
export {
  BUSY_MESSAGE,
  busyMessage,
  CALLBACK,
  deferralBody,
  EPHEMERAL,
  type InteractionKind,
  type InteractionResponseBody,
  interactionKind,
  REFUSED_MESSAGE,
  refusedBody,
  unavailableBody,
} from './responses.ts';
export { ed25519PublicKey, verifyInteractionSignature } from './signature.ts';
export { systemTimers, type Timers } from './timers.ts';
