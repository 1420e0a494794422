import { positiveInt, seconds } from '../define.ts';

/**
 * Rate limits of the interactions service: commands, buttons and forms per user and per guild in a
 * fixed window (autocomplete is not counted). Over the limit, the user gets a short ephemeral note.
 */
export const rateLimits = {
  RATE_LIMIT_WINDOW: seconds(10, 'length in seconds of the window the interaction rate limits count in'),
  RATE_LIMIT_PER_USER: positiveInt(8, 'interactions one user may start per window'),
  RATE_LIMIT_PER_GUILD: positiveInt(60, 'interactions one guild may start per window'),
};
