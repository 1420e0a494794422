import { cleanText } from '@autoalex/terms/text';
import { z } from 'zod';

/**
 * The parts of Plex's JSON that the suite reads. Everything else passes through untouched; a field
 * we read that is missing or of the wrong type makes the whole answer a `bad-response` PlexError.
 * Plex sends numbers as JSON numbers and rating keys as strings; older servers and proxies that
 * convert XML send strings for both, so both are accepted where that is harmless.
 */

/**
 * Every string Plex sends, cleaned of NUL, other control characters and broken surrogates
 * (ADR 0228): titles and names go to Postgres, which refuses NUL, and to Discord. Line breaks and
 * tabs become spaces except in `multiline` fields (summaries).
 */
const clean = (value: string) => cleanText(value);
const text = z.string().transform(clean);
const multilineText = z.string().transform((value) => cleanText(value, { multiline: true }));

/** Rating keys, section keys, part ids: strings in the suite, whatever Plex sent. */
export const plexId = z
  .union([z.string().min(1).max(200), z.number().int().nonnegative()])
  .transform((value) => cleanText(String(value)));

const numeric = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((value) => Number(value))
  .pipe(z.number().finite());

const booleanish = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

/** Optional fields may also be null or absent; both read as undefined. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const guidList = z.array(z.looseObject({ id: text }));

export const partSchema = z.looseObject({
  id: plexId,
  key: z.string().min(1).transform(clean),
  file: opt(text),
  size: opt(numeric),
  container: opt(text),
  duration: opt(numeric),
});

export const mediaSchema = z.looseObject({
  id: opt(plexId),
  duration: opt(numeric),
  bitrate: opt(numeric),
  container: opt(text),
  audioCodec: opt(text),
  Part: opt(z.array(partSchema)),
});

const itemBase = {
  ratingKey: plexId,
  key: opt(text),
  title: text,
  guid: opt(text),
  thumb: opt(text),
  summary: opt(multilineText),
  userRating: opt(numeric),
  viewCount: opt(numeric),
  lastViewedAt: opt(numeric),
  addedAt: opt(numeric),
  updatedAt: opt(numeric),
  librarySectionID: opt(plexId),
  Guid: opt(guidList),
};

export const artistSchema = z.looseObject({ ...itemBase, type: z.literal('artist') });

export const albumSchema = z.looseObject({
  ...itemBase,
  type: z.literal('album'),
  parentRatingKey: opt(plexId),
  parentTitle: opt(text),
  year: opt(numeric),
  leafCount: opt(numeric),
  originallyAvailableAt: opt(text),
  studio: opt(text),
});

export const trackSchema = z.looseObject({
  ...itemBase,
  type: z.literal('track'),
  parentRatingKey: plexId,
  grandparentRatingKey: plexId,
  parentTitle: text,
  grandparentTitle: text,
  originalTitle: opt(text),
  parentThumb: opt(text),
  index: opt(numeric),
  parentIndex: opt(numeric),
  duration: opt(numeric),
  Media: opt(z.array(mediaSchema)),
});

export const sectionSchema = z.looseObject({
  key: plexId,
  title: text,
  type: text,
  uuid: opt(text),
  agent: opt(text),
  language: opt(text),
});

export const sessionSchema = z.looseObject({
  ratingKey: plexId,
  type: text,
  title: text,
  sessionKey: opt(plexId),
  parentRatingKey: opt(plexId),
  grandparentRatingKey: opt(plexId),
  parentTitle: opt(text),
  grandparentTitle: opt(text),
  originalTitle: opt(text),
  duration: opt(numeric),
  viewOffset: opt(numeric),
  librarySectionID: opt(plexId),
  User: opt(z.looseObject({ id: opt(plexId), title: opt(text), thumb: opt(text) })),
  Player: opt(
    z.looseObject({
      title: opt(text),
      product: opt(text),
      platform: opt(text),
      state: opt(text),
      local: opt(booleanish),
      address: opt(text),
      machineIdentifier: opt(text),
    }),
  ),
  Session: opt(z.looseObject({ id: opt(text), bandwidth: opt(numeric), location: opt(text) })),
  TranscodeSession: opt(z.looseObject({})),
});

export const playlistSchema = z.looseObject({
  ratingKey: plexId,
  key: text,
  title: text,
  type: z.literal('playlist'),
  smart: opt(booleanish),
  playlistType: opt(text),
  leafCount: opt(numeric),
  content: opt(text),
});

export const hubSchema = z.looseObject({
  type: text,
  hubIdentifier: opt(text),
  title: opt(text),
  size: opt(numeric),
  Metadata: opt(z.array(z.unknown())),
});

/** `{ MediaContainer: { size, totalSize, offset, <list>: [...] } }` with the list under `listKey`. */
export function container<T extends z.ZodType>(listKey: string, item: T) {
  return z.looseObject({
    MediaContainer: z.looseObject({
      size: opt(numeric),
      totalSize: opt(numeric),
      offset: opt(numeric),
      [listKey]: opt(z.array(item)),
    }),
  });
}

export const identitySchema = z.looseObject({
  MediaContainer: z.looseObject({
    machineIdentifier: z.string().min(1).transform(clean),
    version: text,
    claimed: opt(booleanish),
  }),
});

export type RawArtist = z.output<typeof artistSchema>;
export type RawAlbum = z.output<typeof albumSchema>;
export type RawTrack = z.output<typeof trackSchema>;
export type RawSection = z.output<typeof sectionSchema>;
export type RawSession = z.output<typeof sessionSchema>;
export type RawPlaylist = z.output<typeof playlistSchema>;
export type RawMedia = z.output<typeof mediaSchema>;
