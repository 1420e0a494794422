import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { bytea, timestamps } from './columns.ts';
import { users } from './users.ts';

/** What a user can set on /settings or the dashboard. Stored as jsonb; always read through this schema. */
export const userPreferencesSchema = z.object({
  /** Answer this user's commands ephemerally by default. */
  ephemeralReplies: z.boolean().default(false),
  /** Post a "now playing" message when a song of theirs starts. */
  announceNowPlaying: z.boolean().default(true),
  /** Generate instrumentals unless asked otherwise. */
  instrumentalByDefault: z.boolean().default(false),
  /** Provider model for song generation, e.g. "V4_5"; unset = the provider's default. */
  songModel: z.string().min(1).max(32).optional(),
  /** Default remix stem gain in dB. */
  remixGainDb: z.number().min(-60).max(12).default(0),
});
export type UserPreferences = z.infer<typeof userPreferencesSchema>;
/** What is stored: only the fields the user changed; defaults are filled in when read. */
export type StoredPreferences = z.input<typeof userPreferencesSchema>;
export const DEFAULT_PREFERENCES: UserPreferences = userPreferencesSchema.parse({});

export const MIN_VOLUME = 0;
export const MAX_VOLUME = 200;

/** One row per user, created on first use (see getOrCreateSettings). */
export const userSettings = pgTable(
  'user_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    preferences: jsonb('preferences').$type<StoredPreferences>().notNull().default({}),
    /** Percent, 0..200; 100 = unchanged. */
    defaultVolume: integer('default_volume').notNull().default(100),
    ...timestamps(),
  },
  (t) => [
    check(
      'user_settings_default_volume_range',
      sql`${t.defaultVolume} between ${sql.raw(String(MIN_VOLUME))} and ${sql.raw(String(MAX_VOLUME))}`,
    ),
  ],
);

/**
 * A user's own API key for an external provider (e.g. a Suno-compatible service), encrypted with
 * AES-256-GCM (see crypto.ts). The plaintext never reaches the database; `key_version` names the
 * application key that sealed it so keys can be rotated.
 */
export const userProviderKeys = pgTable(
  'user_provider_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    iv: bytea('iv').notNull(),
    tag: bytea('tag').notNull(),
    keyVersion: smallint('key_version').notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'user_provider_keys_pkey', columns: [t.userId, t.provider] }),
    check('user_provider_keys_iv_length', sql`octet_length(${t.iv}) = 12`),
    check('user_provider_keys_tag_length', sql`octet_length(${t.tag}) = 16`),
  ],
);

export type UserSettings = typeof userSettings.$inferSelect;
export type UserProviderKey = typeof userProviderKeys.$inferSelect;
