import { SYNC_REASONS } from '@autoalex/terms/listening';
import { z } from 'zod';
import { epochMs, plexRatingKey, snowflake } from '../fields.ts';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

export const libraryJobs = {
  /** Sync artists, albums, tracks and listening history from Plex/Tautulli (one at a time). */
  'sync-full': z.object({ reason: z.enum(SYNC_REASONS).default('manual'), reply: replyTarget.optional(), meta }),
  /** Sync what changed since `since` (default: the last sync the worker recorded). */
  'sync-incremental': z.object({ since: epochMs.optional(), meta }),
  /** Look up personnel credits (MusicBrainz, Discogs) and write them into the album summary. */
  'enrich-credits': z.object({
    albumRatingKey: plexRatingKey,
    /** Rewrite a summary that already carries credits. */
    force: z.boolean().default(false),
    reply: replyTarget.optional(),
    meta,
  }),
  /** Rebuild the "Top Rated" smart playlist of one linked user, or of every linked user. */
  'sync-top-rated': z.object({ userId: snowflake.optional(), reply: replyTarget.optional(), meta }),
};
