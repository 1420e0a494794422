import { z } from 'zod';

/**
 * The parts of Plex's JSON that the suite reads. Everything else passes through untouched; a field
 * we read that is missing or of the wrong type makes the whole answer a `bad-response` PlexError.
 * Plex sends numbers as JSON numbers and rating keys as strings; older servers and proxies that
 * convert XML send strings for both, so both are accepted where that is harmless.
 */

/** Rating keys, section keys, part ids: strings in the suite, whatever Plex sent. */
export const plexId = z
  .union([z.string().min(1).max(200), z.number().int().nonnegative()])
  .transform((value) => String(value));

const numeric = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((value) => Number(value))
  .pipe(z.number().finite());

const booleanish = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

/** Optional fields may also be null or absent; both read as undefined. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const guidList = z.array(z.looseObject({ id: z.string() }));

export const partSchema = z.looseObject({
  id: plexId,
  key: z.string().min(1),
  file: opt(z.string()),
  size: opt(numeric),
  container: opt(z.string()),
  duration: opt(numeric),
});

export const mediaSchema = z.looseObject({
  id: opt(plexId),
  duration: opt(numeric),
  bitrate: opt(numeric),
  container: opt(z.string()),
  audioCodec: opt(z.string()),
  Part: opt(z.array(partSchema)),
});

const itemBase = {
  ratingKey: plexId,
  key: opt(z.string()),
  title: z.string(),
  guid: opt(z.string()),
  thumb: opt(z.string()),
  summary: opt(z.string()),
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
  parentTitle: opt(z.string()),
  year: opt(numeric),
  leafCount: opt(numeric),
  originallyAvailableAt: opt(z.string()),
  studio: opt(z.string()),
});

export const trackSchema = z.looseObject({
  ...itemBase,
  type: z.literal('track'),
  parentRatingKey: plexId,
  grandparentRatingKey: plexId,
  parentTitle: z.string(),
  grandparentTitle: z.string(),
  originalTitle: opt(z.string()),
  parentThumb: opt(z.string()),
  index: opt(numeric),
  parentIndex: opt(numeric),
  duration: opt(numeric),
  Media: opt(z.array(mediaSchema)),
});

export const sectionSchema = z.looseObject({
  key: plexId,
  title: z.string(),
  type: z.string(),
  uuid: opt(z.string()),
  agent: opt(z.string()),
  language: opt(z.string()),
});

export const sessionSchema = z.looseObject({
  ratingKey: plexId,
  type: z.string(),
  title: z.string(),
  sessionKey: opt(plexId),
  parentRatingKey: opt(plexId),
  grandparentRatingKey: opt(plexId),
  parentTitle: opt(z.string()),
  grandparentTitle: opt(z.string()),
  originalTitle: opt(z.string()),
  duration: opt(numeric),
  viewOffset: opt(numeric),
  librarySectionID: opt(plexId),
  User: opt(z.looseObject({ id: opt(plexId), title: opt(z.string()), thumb: opt(z.string()) })),
  Player: opt(
    z.looseObject({
      title: opt(z.string()),
      product: opt(z.string()),
      platform: opt(z.string()),
      state: opt(z.string()),
      local: opt(booleanish),
      address: opt(z.string()),
      machineIdentifier: opt(z.string()),
    }),
  ),
  Session: opt(z.looseObject({ id: opt(z.string()), bandwidth: opt(numeric), location: opt(z.string()) })),
  TranscodeSession: opt(z.looseObject({})),
});

export const playlistSchema = z.looseObject({
  ratingKey: plexId,
  key: z.string(),
  title: z.string(),
  type: z.literal('playlist'),
  smart: opt(booleanish),
  playlistType: opt(z.string()),
  leafCount: opt(numeric),
  content: opt(z.string()),
});

export const hubSchema = z.looseObject({
  type: z.string(),
  hubIdentifier: opt(z.string()),
  title: opt(z.string()),
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
    machineIdentifier: z.string().min(1),
    version: z.string(),
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
