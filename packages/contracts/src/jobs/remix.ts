import { GAIN_DB, PRESET_NAME_PATTERN, STEMS } from '@autoalex/terms/remix';
import { z } from 'zod';
import { fileName, plexRatingKey, storageKey } from '../fields.ts';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

/** What to separate: a track of the Plex library, or a file a user uploaded into storage. */
export const remixSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plex-track'), ratingKey: plexRatingKey }),
  z.object({ kind: z.literal('upload'), storageKey, filename: fileName }),
]);

export const remixJobs = {
  /**
   * Separate the source with Demucs and remix it with `stem` changed by `gainDb`
   * (-60 dB removes it, positive values boost it), then answer `reply` with the file.
   */
  remix: z.object({
    source: remixSource,
    stem: z.enum(STEMS),
    gainDb: z
      .number('must be a number of dB')
      .min(GAIN_DB.min, `must be at least ${GAIN_DB.min} dB`)
      .max(GAIN_DB.max, `must be at most +${GAIN_DB.max} dB`),
    /** Name of the preset the user picked (e.g. `karaoke`), for labels and metrics. */
    preset: z.string().regex(PRESET_NAME_PATTERN, 'must be a preset name (lowercase letters, digits, -)').optional(),
    reply: replyTarget,
    meta,
  }),
};
