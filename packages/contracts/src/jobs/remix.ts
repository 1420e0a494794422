import { z } from 'zod';
import { fileName, plexRatingKey, storageKey } from '../fields.ts';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

export const STEMS = ['drums', 'bass', 'other', 'vocals'] as const;

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
    gainDb: z.number('must be a number of dB').min(-60, 'must be at least -60 dB').max(12, 'must be at most +12 dB'),
    /** Name of the preset the user picked (e.g. `karaoke`), for labels and metrics. */
    preset: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'must be a preset name (lowercase letters, digits, -)')
      .optional(),
    reply: replyTarget,
    meta,
  }),
};
