// The credits capability's vocabulary (jazz personnel from MusicBrainz/Discogs in Plex album summaries).

/** Where personnel credits come from. */
export const CREDIT_SOURCES = ['musicbrainz', 'discogs'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

/** The life of one album's enrichment (credits_enrichment.status). */
export const CREDIT_STATUSES = ['pending', 'matched', 'not_found', 'written', 'failed'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];
