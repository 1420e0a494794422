import { z } from 'zod';

// Field types shared by the payload schemas. Error messages say what a valid value looks like.

const notSnowflake = 'must be a Discord id (17 to 20 digits)';
/** Discord ids travel as strings: as JSON numbers they would lose precision. */
export const snowflake = z.string(`${notSnowflake} in a string`).regex(/^\d{17,20}$/, notSnowflake);

export const uuid = z.uuid('must be a UUID');

/** Epoch milliseconds; the lower bound catches seconds passed where milliseconds are expected. */
export const epochMs = z
  .number('must be epoch milliseconds')
  .int('must be whole epoch milliseconds')
  .min(1_000_000_000_000, 'must be epoch milliseconds, not seconds');

/** Plex sends rating keys as strings, Tautulli as integers: both are accepted, a string comes out. */
const notRatingKey = 'must be a Plex rating key (digits)';
export const plexRatingKey = z.union(
  [
    z.string().regex(/^\d{1,12}$/, notRatingKey),
    z
      .number()
      .int(notRatingKey)
      .positive(notRatingKey)
      .transform((n) => String(n)),
  ],
  { error: notRatingKey },
);

/** A key in blob storage (S3 or local disk): relative, no `..` segments. */
export const storageKey = z
  .string('must be a storage key')
  .min(1, 'must be a storage key')
  .max(1024, 'must be at most 1024 characters')
  .refine((key) => !key.startsWith('/') && !key.split('/').includes('..') && !key.includes('\\'), {
    message: 'must be a relative storage key without ".." segments',
  });

export const fileName = z
  .string('must be a file name')
  .min(1, 'must be a file name')
  .max(200, 'must be at most 200 characters')
  .refine((name) => !/[/\\\0]/.test(name), { message: 'must be a plain file name without slashes' });

/** A file in blob storage to attach to a Discord message. */
export const storedFile = z.object({ storageKey, filename: fileName });
