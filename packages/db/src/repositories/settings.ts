import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { decryptSecret, type EncryptionKey, encryptSecret } from '../crypto.ts';
import {
  MAX_VOLUME,
  MIN_VOLUME,
  type UserPreferences,
  userPreferencesSchema,
  userProviderKeys,
  userSettings,
} from '../schema/user-settings.ts';

export interface Settings {
  userId: string;
  preferences: UserPreferences;
  defaultVolume: number;
}

/** The user's settings, creating the row with defaults on first use. Stored preferences are re-validated. */
export async function getOrCreateSettings(db: Db, userId: string): Promise<Settings> {
  await db.insert(userSettings).values({ userId }).onConflictDoNothing({ target: userSettings.userId });
  const [row] = await db.select().from(userSettings).where(eq(userSettings.userId, userId)).limit(1);
  if (!row) throw new Error(`no settings for user ${userId}`);
  return toSettings(row.userId, row.preferences, row.defaultVolume);
}

/**
 * Merges `patch` into the stored preferences after validating the result; returns the new settings,
 * or the validation problems (bad input is an expected outcome, not a fault).
 */
export async function updatePreferences(
  db: Db,
  userId: string,
  patch: Record<string, unknown>,
): Promise<{ ok: true; settings: Settings } | { ok: false; problems: string[] }> {
  const current = await getOrCreateSettings(db, userId);
  const parsed = userPreferencesSchema.strict().safeParse({ ...current.preferences, ...patch });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'preferences'}: ${i.message}`),
    };
  }
  await db
    .update(userSettings)
    .set({ preferences: parsed.data, updatedAt: sql`now()` })
    .where(eq(userSettings.userId, userId));
  return { ok: true, settings: { ...current, preferences: parsed.data } };
}

/** Sets the default volume (percent). Out-of-range values are refused with a RangeError. */
export async function setDefaultVolume(db: Db, userId: string, volume: number): Promise<void> {
  if (!Number.isInteger(volume) || volume < MIN_VOLUME || volume > MAX_VOLUME) {
    throw new RangeError(`volume must be a whole number from ${MIN_VOLUME} to ${MAX_VOLUME}`);
  }
  await getOrCreateSettings(db, userId);
  await db
    .update(userSettings)
    .set({ defaultVolume: volume, updatedAt: sql`now()` })
    .where(eq(userSettings.userId, userId));
}

function toSettings(userId: string, stored: unknown, defaultVolume: number): Settings {
  // Unknown or invalid stored fields fall back to defaults instead of failing every command.
  const parsed = userPreferencesSchema.safeParse(stored ?? {});
  const preferences = parsed.success ? parsed.data : userPreferencesSchema.parse({});
  return { userId, preferences, defaultVolume };
}

/** Binds a sealed key to its row, so a ciphertext copied to another user or provider will not open. */
function keyContext(userId: string, provider: string): string {
  return `user_provider_keys:${userId}:${provider}`;
}

/** Stores (or replaces) a user's provider API key, encrypted with `key`. */
export async function setProviderKey(
  db: Db,
  userId: string,
  provider: string,
  plaintext: string,
  key: EncryptionKey,
): Promise<void> {
  const sealed = encryptSecret(plaintext, key, keyContext(userId, provider));
  await db
    .insert(userProviderKeys)
    .values({ userId, provider, ...sealed })
    .onConflictDoUpdate({
      target: [userProviderKeys.userId, userProviderKeys.provider],
      set: { ...sealed, updatedAt: sql`now()` },
    });
}

/** The user's provider key in clear, or undefined when none is stored. Throws DecryptionError if it cannot be opened. */
export async function getProviderKey(
  db: Db,
  userId: string,
  provider: string,
  keyring: EncryptionKey | readonly EncryptionKey[],
): Promise<string | undefined> {
  const [row] = await db
    .select()
    .from(userProviderKeys)
    .where(and(eq(userProviderKeys.userId, userId), eq(userProviderKeys.provider, provider)))
    .limit(1);
  if (!row) return undefined;
  return decryptSecret(row, keyring, keyContext(userId, provider));
}

export async function hasProviderKey(db: Db, userId: string, provider: string): Promise<boolean> {
  const [row] = await db
    .select({ provider: userProviderKeys.provider })
    .from(userProviderKeys)
    .where(and(eq(userProviderKeys.userId, userId), eq(userProviderKeys.provider, provider)))
    .limit(1);
  return row !== undefined;
}

export async function deleteProviderKey(db: Db, userId: string, provider: string): Promise<boolean> {
  const rows = await db
    .delete(userProviderKeys)
    .where(and(eq(userProviderKeys.userId, userId), eq(userProviderKeys.provider, provider)))
    .returning({ provider: userProviderKeys.provider });
  return rows.length > 0;
}
