import { INTERACTION_TOKEN_LIFETIME_MS } from '@autoalex/discord';

/**
 * The Redis keys of ADR 0002, under QUEUE_PREFIX. Both the ingress (gateway / HTTP endpoint) and the
 * interactions service use these names, so they live in one place.
 */

/** How long ownership keys live: the interaction token's lifetime. */
export const INTERACTION_KEY_TTL_MS = INTERACTION_TOKEN_LIFETIME_MS;

/** How long an HTTP initial response waits in its list for the ingress (Discord's limit is 3 s). */
export const HTTP_RESPONSE_TTL_MS = 60_000;

export interface InteractionKeys {
  /** `{p}:ix:{id}:ack`: whoever sets it first (NX) owns the initial callback. */
  ack: string;
  /** `{p}:ix:{id}:handled`: the interactions service took the job, or the guard abandoned it. */
  handled: string;
  /** `{p}:ix:{id}:http`: a list; the interactions service pushes the initial response of an HTTP interaction. */
  http: string;
}

export function interactionKeys(prefix: string, interactionId: string): InteractionKeys {
  const base = `${prefix}:ix:${interactionId}`;
  return { ack: `${base}:ack`, handled: `${base}:handled`, http: `${base}:http` };
}

/** Values the ingress writes; the interactions service writes its own (e.g. `interactions`). */
export const GUARD_ACK_VALUE = 'guard';
/** What the guard writes into `handled` when it gives up; the interactions service then drops the job. */
export const ABANDONED = 'abandoned';
