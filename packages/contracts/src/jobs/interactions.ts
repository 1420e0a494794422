import { z } from 'zod';
import { epochMs, snowflake } from '../fields.ts';
import { meta } from '../meta.ts';

/** Discord interaction types (PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT). */
export const INTERACTION_TYPES = [1, 2, 3, 4, 5] as const;

/**
 * Deepest nesting of arrays and objects an interaction may have. Discord's own stay near 12 (a
 * subcommand group's option, a component inside a container inside a message); options nested
 * thousands deep are an attack on the recursion of JSON.stringify and friends (ADR 0228).
 */
export const MAX_INTERACTION_DEPTH = 32;

/**
 * How deeply `value` nests arrays and objects (a scalar is 0, `{}` is 1), walked without recursion
 * so that the check itself cannot overflow the stack; stops as soon as it passes `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * The raw Discord interaction object. Only the fields every interaction has are checked; all other
 * fields (data, member, guild_id, attachment_size_limit…) pass through untouched for the router.
 */
export const discordInteraction = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.literal(INTERACTION_TYPES, 'must be a Discord interaction type (1-5)'),
  token: z.string('must be the interaction token').min(1, 'must be the interaction token').max(1000),
  version: z.literal(1, 'must be interaction version 1'),
});

/**
 * An interaction the bus carries: besides the shape, bounded in depth, so that nobody serialises
 * (BullMQ's JSON.stringify) or walks a payload nested deeply enough to overflow the stack. Kept off
 * `discordInteraction` so that an ingress can still read the id and token to answer the refusal.
 */
const boundedInteraction = discordInteraction.superRefine((interaction, ctx) => {
  if (nestingDepth(interaction, MAX_INTERACTION_DEPTH) > MAX_INTERACTION_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      message: `is nested more than ${MAX_INTERACTION_DEPTH} levels deep (options inside options?); Discord's interactions never are`,
    });
  }
});

export const INTERACTION_SOURCES = ['gateway', 'http', 'console'] as const;

export const interactionsJobs = {
  /** Published by the gateway, the HTTP endpoint or bin/alex; routed by the interactions service. */
  interaction: z.object({
    interaction: boundedInteraction,
    receivedAt: epochMs,
    source: z.enum(INTERACTION_SOURCES),
    meta,
  }),
};
