import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

/** A drizzle handle over the whole schema; a transaction (`db.transaction(tx => …)`) is one too. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export interface DbClient {
  db: Db;
  /** The underlying postgres-js client, for health checks (`sql\`select 1\``) and LISTEN. */
  sql: postgres.Sql;
  /** Closes every connection, waiting up to `timeoutSeconds` for running queries. */
  close(timeoutSeconds?: number): Promise<void>;
}

export interface CreateDbOptions {
  /** Pool size (DATABASE_POOL_SIZE). */
  max?: number;
  /** Shown in pg_stat_activity, e.g. the service name. */
  applicationName?: string;
}

/** Opens a pool to `url`. Connections are made lazily, on the first query. */
export function createDb(url: string, options: CreateDbOptions = {}): DbClient {
  const sql = postgres(url, {
    max: options.max ?? 5,
    onnotice: () => {},
    connection: options.applicationName ? { application_name: options.applicationName } : {},
  });
  const db = drizzle(sql, { schema });
  return {
    db,
    sql,
    close: (timeoutSeconds = 5) => sql.end({ timeout: timeoutSeconds }),
  };
}
