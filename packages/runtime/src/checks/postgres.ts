import type { Check } from '../health.ts';

/** The part of a postgres-js `sql` tag this check uses. */
export type SqlTag = (strings: TemplateStringsArray) => PromiseLike<unknown>;

/** `select 1` through the service's pool. */
export function postgresCheck(sql: SqlTag): Check {
  return async () => {
    await sql`select 1`;
    return { status: 'ok', detail: 'select 1 answered' };
  };
}
