// @autoalex/db: the schema of the whole product, its migrations, the client and small repositories.
// Services import from here only; no SQL outside this package.

export { type CreateDbOptions, createDb, type Db, type DbClient } from './client.ts';
export {
  DecryptionError,
  decryptSecret,
  type EncryptionKey,
  encryptSecret,
  parseEncryptionKey,
  type SealedSecret,
} from './crypto.ts';
export { isUniqueViolation, pgErrorCode } from './errors.ts';
export {
  MIGRATION_LOCK_KEY,
  MIGRATIONS_FOLDER,
  type MigrateLogger,
  type MigrateResult,
  migrate,
} from './migrate.ts';
export * from './repositories/incidents.ts';
export * from './repositories/library-autocomplete.ts';
export * from './repositories/listening-history.ts';
export * from './repositories/listening-history-sync.ts';
export * from './repositories/listening-queries.ts';
export * from './repositories/playlists.ts';
export * from './repositories/plex-library-sync.ts';
export * from './repositories/queue-state.ts';
export * from './repositories/remix-jobs.ts';
export * from './repositories/settings.ts';
export * from './repositories/songs.ts';
export * from './repositories/stem-cache.ts';
export * from './repositories/sync-lock.ts';
export * from './repositories/sync-state.ts';
export * from './repositories/users.ts';
export * from './schema/index.ts';
