import { CREDIT_SOURCES, CREDIT_STATUSES } from '@autoalex/terms/credits';
import { LOOP_MODES, VOLUME } from '@autoalex/terms/player';
import { REMIX_STATUSES, STEMS } from '@autoalex/terms/remix';
import { SONG_STATUSES } from '@autoalex/terms/studio';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// The migrated database enforces each capability's terms (@autoalex/terms), not a copy of them:
// a term changed without a migration, or a check written by hand, fails here.

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await database?.drop();
});

/** The quoted values a `column in ('a', 'b')` check constraint allows, as the catalog prints them. */
async function allowed(constraint: string): Promise<string[]> {
  const [row] = await sql<{ def: string }[]>`
    select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${constraint}`;
  if (!row) throw new Error(`no constraint ${constraint}`);
  return [...row.def.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
}

describe('database checks follow the terms', () => {
  it.each([
    ['remix_jobs_stem_check', STEMS],
    ['remix_jobs_status_check', REMIX_STATUSES],
    ['guild_queue_state_loop_mode_check', LOOP_MODES],
    ['songs_status_check', SONG_STATUSES],
    ['credits_enrichment_status_check', CREDIT_STATUSES],
    ['credits_enrichment_source_check', CREDIT_SOURCES],
  ])('%s allows exactly the terms', async (constraint, terms) => {
    expect((await allowed(constraint)).sort()).toEqual([...terms].sort());
  });

  it('the player volume range', async () => {
    const [row] = await sql<{ def: string }[]>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'guild_queue_state_volume_range'`;
    expect(row?.def).toContain(`>= ${VOLUME.min}`);
    expect(row?.def).toContain(`<= ${VOLUME.max}`);
  });
});
