import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  type DbClient,
  searchArtistNames,
  searchPlexUsers,
  searchTracks,
  similarArtistNames,
  upsertPlexArtists,
  upsertPlexServer,
  upsertPlexTracks,
  upsertPlexUsers,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// Hostile typed text against the autocomplete reads (ADR 0228): Postgres refuses NUL in a query
// parameter, so whatever reaches these functions must not fail the query.

let database: TestDatabase;
let client: DbClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 2 });
  const serverId = await upsertPlexServer(client.db, { machineIdentifier: 'hostile-autocomplete' });
  await upsertPlexArtists(client.db, serverId, [{ ratingKey: '1', title: 'Miles Davis', sectionId: null }]);
  await upsertPlexTracks(client.db, serverId, [
    {
      ratingKey: '1001',
      title: 'So What',
      sectionId: null,
      albumRatingKey: '900',
      albumTitle: 'Kind of Blue',
      artistRatingKey: '1',
      albumArtist: 'Miles Davis',
      trackArtist: null,
    },
  ]);
  await upsertPlexUsers(client.db, [{ plexUserId: 1001, username: 'milesfan', friendlyName: 'Miles Fan' }]);
});

afterAll(async () => {
  await client?.close();
  await database?.drop();
});

describe('autocomplete reads with control characters in the typed text', () => {
  it('search for the text without them instead of failing on NUL', async () => {
    const { db } = client;
    expect((await searchArtistNames(db, 'Mil\u0000es')).map((m) => m.name)).toEqual(['Miles Davis']);
    expect((await searchTracks(db, '\u0000So Wh\u0000at\u0007')).map((m) => m.title)).toEqual(['So What']);
    expect((await searchPlexUsers(db, 'miles\u0000fan')).map((m) => m.username)).toEqual(['milesfan']);
    expect(await similarArtistNames(db, 'Miles Dav\u0000s\uD800')).toEqual(['Miles Davis']);
  });
});
