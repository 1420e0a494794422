import { z } from 'zod';

/** The interaction deadline guard (ADR 0002): when the gateway or HTTP ingress steps in for a slow answer. */
export const interactions = {
  INTERACTION_DEFER_AFTER_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be whole milliseconds')
    .min(100, 'must be at least 100')
    .max(2800, 'must be at most 2800 (Discord wants the first answer within 3 s)')
    .default(2200)
    .describe('milliseconds after receipt at which an unanswered interaction gets a deferral'),
  INTERACTION_BUSY_AFTER_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be whole milliseconds')
    .min(3000, 'must be at least 3000 (after the deferral)')
    .max(840_000, 'must be at most 840000 (the interaction token lives 15 min)')
    .default(10_000)
    .describe('milliseconds after receipt at which a deferred interaction nobody took gets the "busy" reply'),
};
