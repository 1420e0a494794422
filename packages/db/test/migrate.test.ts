import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, MIGRATIONS_FOLDER, migrate } from '../src/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};
const databases: TestDatabase[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  databases.push(db);
  return db;
}

afterAll(async () => {
  for (const db of databases) await db.drop();
});

async function appliedCount(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row?.n ?? -1;
}

describe('migrate', () => {
  it('finds the migrations next to the package, not the working directory', () => {
    expect(MIGRATIONS_FOLDER).toMatch(/packages[/\\]db[/\\]migrations$/);
    expect(journal.entries.length).toBeGreaterThan(0);
  });

  it('applies every migration once when several processes start together', async () => {
    const { url } = await freshDatabase();
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(url)));
    const total = journal.entries.length;
    // Exactly one caller did the work; the others waited on the lock and found nothing to do.
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, 0, 0, total]);
    expect(results.every((r) => r.total === total)).toBe(true);

    const again = await migrate(url);
    expect(again).toEqual({ applied: 0, total });

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      expect(await appliedCount(sql)).toBe(total);
      const [locks] = await sql<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory'`;
      expect(locks?.n).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('waits for the advisory lock before touching the database', async () => {
    const { url } = await freshDatabase();
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const observer = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await holder`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
      const logged: string[] = [];
      let settled = false;
      const running = migrate(url, { logger: { info: (m) => logged.push(m) } }).finally(() => {
        settled = true;
      });
      // Wait until the migrator is queued on our lock (an event we can observe in pg_locks).
      const classid = Number(MIGRATION_LOCK_KEY >> 32n);
      const objid = Number(MIGRATION_LOCK_KEY & 0xffffffffn);
      for (;;) {
        const [waiting] = await observer<{ n: number }[]>`
          select count(*)::int as n from pg_locks
          where locktype = 'advisory' and not granted and classid = ${classid} and objid = ${objid}`;
        if (waiting?.n === 1) break;
        if (settled) throw new Error('migrate finished without waiting for the advisory lock');
        await new Promise((r) => setImmediate(r));
      }
      const [table] = await observer<{ t: string | null }[]>`select to_regclass('public.users')::text as t`;
      expect(table?.t).toBeNull();
      await holder`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
      const result = await running;
      expect(result.applied).toBe(journal.entries.length);
      expect(logged).toEqual([expect.stringMatching(/^applied \d+ migrations? /)]);
    } finally {
      await holder.end();
      await observer.end();
    }
  });

  it('rejects with the driver error when the database is unreachable', async () => {
    await expect(migrate('postgres://postgres@127.0.0.1:1/nothing')).rejects.toThrow();
  });
});
