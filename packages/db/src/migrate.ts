import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** The committed SQL migrations, found next to this package whatever the working directory. */
export const MIGRATIONS_FOLDER = join(import.meta.dirname, '..', 'migrations');

/**
 * Session-level advisory lock key held while migrating: the ASCII bytes of "autoalex" as a bigint.
 * Every process that migrates this database takes the same lock, so they run one after the other.
 */
export const MIGRATION_LOCK_KEY = 7022647215678842232n;

const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

export interface MigrateLogger {
  info(message: string): void;
}

export interface MigrateResult {
  /** How many migrations this call applied (0 when another process had already done it). */
  applied: number;
  /** How many migrations the database has now. */
  total: number;
}

/**
 * Applies the committed migrations once. Takes pg_advisory_lock on a dedicated connection, runs
 * drizzle's migrator on that same connection (it skips what is already applied), then unlocks, so
 * any number of services may call this at start-up together.
 */
export async function migrate(databaseUrl: string, options: { logger?: MigrateLogger } = {}): Promise<MigrateResult> {
  const { logger } = options;
  const sql = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'autoalex-migrate' },
  });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    try {
      const before = await countApplied(sql);
      await drizzleMigrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
      const total = await countApplied(sql);
      const applied = total - before;
      logger?.info(
        applied > 0
          ? `applied ${applied} migration${applied === 1 ? '' : 's'} (${total} in all)`
          : `database schema is up to date (${total} migrations)`,
      );
      return { applied, total };
    } finally {
      // Best effort: closing the connection below releases a session lock anyway, and an unlock
      // failure must not hide the migration's own error.
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.catch(() => {});
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function countApplied(sql: postgres.Sql): Promise<number> {
  const [exists] = await sql<{ t: string | null }[]>`select to_regclass(${MIGRATIONS_TABLE}) as t`;
  if (!exists?.t) return 0;
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row?.n ?? 0;
}
