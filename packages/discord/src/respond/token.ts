// The one definition of how long an interaction token works. The ingress's ownership keys, the
// interactions service's component state and every reply target's `tokenExpiresAt` derive from it.

/** Discord's interaction token works for 15 minutes after the interaction was created. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord created the interaction (its id is a snowflake), never later than its receipt. */
export function interactionCreatedAt(interactionId: string, receivedAt: number): number {
  const at = Number((BigInt(interactionId) >> 22n) + DISCORD_EPOCH);
  return at > 0 && at <= receivedAt ? at : receivedAt;
}

/** When the interaction's token stops working: its creation plus the token's lifetime. */
export function interactionTokenExpiresAt(interactionId: string, receivedAt: number): number {
  return interactionCreatedAt(interactionId, receivedAt) + INTERACTION_TOKEN_LIFETIME_MS;
}
