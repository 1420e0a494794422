import { LISTENED_THRESHOLD } from '@autoalex/terms/listening';
import { integer, seconds } from '../define.ts';

/** Library sync (library-worker, ADR 0140) and what counts as a listen (ADR 0142). */
export const library = {
  LIBRARY_SYNC_INTERVAL: seconds(
    900,
    'seconds between incremental syncs of the Plex library and Tautulli history (at least 60)',
    60,
  ),
  LIBRARY_HISTORY_OVERLAP: seconds(
    86_400,
    'seconds an incremental history sync reaches back before the last synced play, for plays Tautulli writes late',
    0,
  ),
};

/** What counts as "listened" for /completion and /compare (ADR 0142). */
export const listening = {
  LISTENED_THRESHOLD: integer({
    min: LISTENED_THRESHOLD.min,
    max: LISTENED_THRESHOLD.max,
    notNumber: 'must be a percentage',
    notWhole: 'must be a whole percentage',
    belowMin: `must be between ${LISTENED_THRESHOLD.min} and ${LISTENED_THRESHOLD.max}`,
    aboveMax: `must be between ${LISTENED_THRESHOLD.min} and ${LISTENED_THRESHOLD.max}`,
  })
    .default(LISTENED_THRESHOLD.default)
    .describe('a play counts as listened when Tautulli marks it watched or it reached this percentage of the track'),
};
