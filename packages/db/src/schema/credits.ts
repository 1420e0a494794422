import { CREDIT_SOURCES, CREDIT_STATUSES } from '@autoalex/terms/credits';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { sqlList, timestamps, timestamptz } from './columns.ts';

/** One performer credit on an album, normalised from MusicBrainz relations or Discogs extraartists. */
export const personnelEntrySchema = z.object({
  name: z.string().min(1),
  /** e.g. "tenor saxophone", "piano", "producer". */
  roles: z.array(z.string()),
  /** Track positions or titles the credit applies to; empty = whole album. */
  tracks: z.array(z.string()).default([]),
  externalId: z.string().optional(),
});
export type PersonnelEntry = z.infer<typeof personnelEntrySchema>;

/** Jazz personnel credits looked up for a Plex album, and whether they were written into its summary. */
export const creditsEnrichment = pgTable(
  'credits_enrichment',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    albumRatingKey: text('album_rating_key').notNull(),
    source: text('source', { enum: CREDIT_SOURCES }).notNull(),
    /** MusicBrainz release id or Discogs release id. */
    externalId: text('external_id'),
    status: text('status', { enum: CREDIT_STATUSES }).notNull().default('pending'),
    personnel: jsonb('personnel').$type<PersonnelEntry[]>().notNull().default([]),
    /** The summary text written into Plex, if any. */
    summary: text('summary'),
    summaryWrittenAt: timestamptz('summary_written_at'),
    error: text('error'),
    ...timestamps(),
  },
  (t) => [
    unique('credits_enrichment_album_source_key').on(t.albumRatingKey, t.source),
    index('credits_enrichment_status_idx').on(t.status),
    check('credits_enrichment_source_check', sql.raw(`source in (${sqlList(CREDIT_SOURCES)})`)),
    check('credits_enrichment_status_check', sql.raw(`status in (${sqlList(CREDIT_STATUSES)})`)),
  ],
);

export type CreditsEnrichment = typeof creditsEnrichment.$inferSelect;
