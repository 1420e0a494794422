import { integer } from '../define.ts';

const ms = { notNumber: 'must be a number of milliseconds', notWhole: 'must be whole milliseconds' };

/** The interaction deadline guard (ADR 0002): when the gateway or HTTP ingress steps in for a slow answer. */
export const interactions = {
  INTERACTION_DEFER_AFTER_MS: integer({
    ...ms,
    min: 100,
    max: 2800,
    aboveMax: 'must be at most 2800 (Discord wants the first answer within 3 s)',
  })
    .default(2200)
    .describe('milliseconds after receipt at which an unanswered interaction gets a deferral'),
  INTERACTION_BUSY_AFTER_MS: integer({
    ...ms,
    min: 3000,
    max: 840_000,
    belowMin: 'must be at least 3000 (after the deferral)',
    aboveMax: 'must be at most 840000 (the interaction token lives 15 min)',
  })
    .default(10_000)
    .describe('milliseconds after receipt at which a deferred interaction nobody took gets the "busy" reply'),
};
