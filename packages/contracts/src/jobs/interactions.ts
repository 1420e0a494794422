import { z } from 'zod';
import { epochMs, snowflake } from '../fields.ts';
import { meta } from '../meta.ts';

/** Discord interaction types (PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT). */
export const INTERACTION_TYPES = [1, 2, 3, 4, 5] as const;

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

export const INTERACTION_SOURCES = ['gateway', 'http', 'console'] as const;

export const interactionsJobs = {
  /** Published by the gateway, the HTTP endpoint or bin/alex; routed by the interactions service. */
  interaction: z.object({
    interaction: discordInteraction,
    receivedAt: epochMs,
    source: z.enum(INTERACTION_SOURCES),
    meta,
  }),
};
