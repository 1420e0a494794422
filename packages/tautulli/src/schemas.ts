import { cleanText } from '@autoalex/terms/text';
import { z } from 'zod';

/**
 * Tautulli's answers, checked field by field for what the suite reads; every other field passes
 * through. Field names stay Tautulli's (snake_case) so they match its documentation. Two
 * normalisations: rating keys become strings (Tautulli sends integers in history and strings in
 * activity; Plex sends strings, and the suite joins the two), and numbers that Tautulli sends as
 * strings in activity ("21", "") become numbers or null.
 */

const integerish = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((value) => Number(value))
  .pipe(z.number().finite());

/** A number, or null for Tautulli's empty string / null. */
const numberOrNull = z.union([integerish, z.literal(''), z.null()]).transform((value) => (value === '' ? null : value));

/** A rating key as a string, or null where Tautulli has none ("" or null). */
const ratingKey = z
  .union([z.number().int().nonnegative(), z.string().max(200), z.null()])
  .transform((value) => (value === null || value === '' ? null : cleanText(String(value))));

/**
 * Every string Tautulli sends, cleaned of NUL, other control characters and broken surrogates
 * (ADR 0228): names and titles go to Postgres, which refuses NUL, and to Discord.
 */
const text = z.string().transform((value) => cleanText(value));
const textOrNull = text.nullable();

export const historyRowSchema = z.looseObject({
  reference_id: z.number().int().nullable(),
  /** null for a live session listed with include_activity=1. */
  row_id: z.number().int().nullable(),
  date: integerish,
  started: integerish,
  stopped: integerish,
  /** Seconds actually played (not the track length). */
  duration: integerish,
  play_duration: integerish,
  paused_counter: integerish,
  user_id: z.number().int(),
  user: text,
  friendly_name: text,
  platform: textOrNull,
  product: textOrNull,
  player: textOrNull,
  ip_address: textOrNull,
  media_type: text,
  rating_key: ratingKey,
  parent_rating_key: ratingKey,
  grandparent_rating_key: ratingKey,
  full_title: text,
  title: text,
  parent_title: textOrNull,
  grandparent_title: textOrNull,
  original_title: textOrNull,
  year: numberOrNull,
  media_index: numberOrNull,
  parent_media_index: numberOrNull,
  thumb: textOrNull,
  guid: textOrNull,
  transcode_decision: textOrNull,
  percent_complete: z.number(),
  /** 0, 0.25, 0.5, 0.75 or 1 (Tautulli's music "watched" threshold is 85 %). */
  watched_status: z.number(),
  group_count: z.number().int().nullable(),
  group_ids: textOrNull,
  state: textOrNull,
  session_key: z.union([z.number(), text]).nullable(),
});

export const historySchema = z.looseObject({
  recordsFiltered: z.number().int().nonnegative(),
  recordsTotal: z.number().int().nonnegative(),
  data: z.array(historyRowSchema),
  draw: z.number().optional(),
  filter_duration: text.optional(),
  total_duration: text.optional(),
});

export const activitySessionSchema = z.looseObject({
  session_key: z.union([z.string(), z.number()]).transform((value) => cleanText(String(value))),
  session_id: text.optional(),
  media_type: text,
  user: text,
  user_id: integerish,
  friendly_name: text,
  full_title: text,
  title: text,
  parent_title: text.optional(),
  grandparent_title: text.optional(),
  original_title: text.optional(),
  rating_key: ratingKey,
  parent_rating_key: ratingKey,
  grandparent_rating_key: ratingKey,
  section_id: ratingKey.optional(),
  player: text,
  product: text,
  platform: text,
  state: text,
  progress_percent: numberOrNull,
  view_offset: numberOrNull,
  duration: numberOrNull,
  transcode_decision: text,
  stream_audio_codec: text.optional(),
  bandwidth: numberOrNull,
  location: text,
});

export const activitySchema = z.looseObject({
  stream_count: integerish,
  sessions: z.array(activitySessionSchema),
  total_bandwidth: integerish.optional(),
  lan_bandwidth: integerish.optional(),
  wan_bandwidth: integerish.optional(),
});

export const userSchema = z.looseObject({
  user_id: z.number().int(),
  username: text,
  friendly_name: textOrNull,
  email: textOrNull.optional(),
  thumb: textOrNull.optional(),
  is_active: z.number().int().nullable().optional(),
  is_admin: z.number().int().nullable().optional(),
});

export const librarySchema = z.looseObject({
  section_id: z.union([z.string().min(1), z.number().int()]).transform((value) => cleanText(String(value))),
  section_name: text,
  section_type: text,
  count: integerish.optional(),
  parent_count: integerish.optional(),
  child_count: integerish.optional(),
  is_active: z.number().int().nullable().optional(),
});

export const serverInfoSchema = z.looseObject({
  pms_name: text,
  pms_version: text,
  pms_platform: text,
  pms_identifier: text,
  pms_ip: text,
  pms_port: integerish,
  pms_url: text,
  pms_ssl: integerish,
  pms_plexpass: integerish,
});

export type HistoryRow = z.output<typeof historyRowSchema>;
export type ActivitySession = z.output<typeof activitySessionSchema>;
export type TautulliUser = z.output<typeof userSchema>;
export type TautulliLibrary = z.output<typeof librarySchema>;
export type TautulliServerInfo = z.output<typeof serverInfoSchema>;
