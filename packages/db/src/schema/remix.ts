import { REMIX_STATUSES, STEMS } from '@autoalex/terms/remix';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sqlList, timestamptz } from './columns.ts';
import { users } from './users.ts';

/** Per-phase durations in milliseconds, written as the job runs. */
export interface RemixTimings {
  downloadMs?: number;
  separateMs?: number;
  mixMs?: number;
  encodeMs?: number;
  uploadMs?: number;
}

/** What a remix's final message delivered, kept so that a re-run of a delivered job answers the same. */
export interface RemixDelivery {
  kind: 'attachment' | 'link';
  bitrateKbps: number;
  bytes: number;
  cacheHit: boolean;
  /** The final message's text: a run that finds the job delivered by another puts it back. */
  content: string;
  /** The message that carries it, when the responder said (a Discord message; none on the console). */
  messageId?: string | undefined;
}

/**
 * A stem remix request and its outcome. `request` is the validated job payload as received;
 * `channel_id`/`message_id` let the worker finish with an ordinary message once the 15-minute
 * interaction token has expired. Delivery is exactly once (ADR 0229): `delivering_at` claims it,
 * `delivered_at` confirms it before the job completes, and every run checks both first.
 */
export const remixJobs = pgTable(
  'remix_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The request's correlation id: every run of one request finds this row (null before ADR 0229). */
    correlationId: text('correlation_id'),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    guildId: text('guild_id'),
    channelId: text('channel_id'),
    messageId: text('message_id'),
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: REMIX_STATUSES }).notNull().default('queued'),
    stem: text('stem', { enum: STEMS }).notNull(),
    gainDb: real('gain_db').notNull().default(0),
    trackRatingKey: text('track_rating_key').notNull(),
    /** sha256 of the source audio bytes; the key into stem_cache. */
    contentHash: text('content_hash'),
    outputKey: text('output_key'),
    /** A run claimed the delivery (is sending the final message); a claim this old is taken over. */
    deliveringAt: timestamptz('delivering_at'),
    /** The final message went out: a later run of the same request stops at once. */
    deliveredAt: timestamptz('delivered_at'),
    delivery: jsonb('delivery').$type<RemixDelivery>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    timings: jsonb('timings').$type<RemixTimings>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    uniqueIndex('remix_jobs_correlation_key').on(t.correlationId),
    index('remix_jobs_status_idx').on(t.status, t.createdAt),
    index('remix_jobs_user_idx').on(t.requestedByUserId, t.createdAt.desc()),
    check('remix_jobs_status_check', sql.raw(`status in (${sqlList(REMIX_STATUSES)})`)),
    check('remix_jobs_stem_check', sql.raw(`stem in (${sqlList(STEMS)})`)),
  ],
);

/** Separated stems kept in storage, so the same track is separated by the same model only once. */
export const stemCache = pgTable(
  'stem_cache',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    contentHash: text('content_hash').notNull(),
    model: text('model').notNull(),
    stem: text('stem').notNull(),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at').notNull().defaultNow(),
  },
  (t) => [
    unique('stem_cache_hash_model_stem_key').on(t.contentHash, t.model, t.stem),
    index('stem_cache_last_used_idx').on(t.lastUsedAt),
    check('stem_cache_size_nonnegative', sql`${t.sizeBytes} >= 0`),
  ],
);

export type RemixJob = typeof remixJobs.$inferSelect;
export type NewRemixJob = typeof remixJobs.$inferInsert;
export type StemCacheEntry = typeof stemCache.$inferSelect;
