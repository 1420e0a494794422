import { silentLogger } from '@autoalex/contracts';
import { createDb, type DbClient } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { createPlexClient } from '@autoalex/plex';
import { createFakeLibrary, type FakePlex, startFakePlex } from '@autoalex/plex/testing';
import { createTautulliClient } from '@autoalex/tautulli';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../src/sync/run-sync.ts';
import { createSyncTracker } from '../src/sync/tracker.ts';

// Control characters in what Plex and Tautulli send (ADR 0228): Postgres refuses NUL in text, so one
// bad title used to fail the whole sync. The clients' schemas clean every upstream string.

let database: TestDatabase;
let client: DbClient;
let fakePlex: FakePlex;
let fakeTautulli: FakeTautulli;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 2 });
  const library = createFakeLibrary({
    sections: [
      {
        id: 3,
        title: 'Mu\u0000sic',
        artists: [
          {
            key: 7001,
            title: 'Sigur\u0000 Rós',
            albums: [
              {
                key: 7101,
                title: '( )\u0007',
                summary: 'Recorded\r\nin Iceland\u0000',
                tracks: [
                  { key: 7201, title: 'Untit\u0000led #1', duration: 400, artist: 'Jónsi\u001B[0m' },
                  { key: 7202, title: 'Untitled\n#2', duration: 450 },
                ],
              },
            ],
          },
        ],
      },
    ],
    users: [{ id: 2001, username: 'eve\u0000', friendly: 'Eve\u0000 Null' }],
    plays: [{ user: 2001, track: 7201, at: Date.UTC(2026, 0, 10, 20) / 1000 }],
  });
  fakePlex = await startFakePlex(library);
  fakeTautulli = await startFakeTautulli(library);
});

afterAll(async () => {
  await fakePlex?.close();
  await fakeTautulli?.close();
  await client?.close();
  await database?.drop();
});

describe('a library whose strings hold NUL and other control characters', () => {
  it('syncs, with the characters removed', async () => {
    const result = await runSync(
      {
        db: client.db,
        plex: createPlexClient({ url: fakePlex.url, token: fakePlex.token, retries: 0 }),
        tautulli: createTautulliClient({ url: fakeTautulli.url, apiKey: fakeTautulli.apiKey, retries: 0 }),
        logger: silentLogger,
        tracker: createSyncTracker(),
        overlapMs: 86_400_000,
      },
      { mode: 'full' },
    );
    expect(result.plex).toMatchObject({ written: { artists: 1, albums: 1, tracks: 2 } });
    expect(result.history).toMatchObject({ written: 1 });

    const tracks = await client.sql<{ title: string; track_artist: string | null; album_title: string }[]>`
      select title, track_artist, album_title from plex_tracks order by rating_key`;
    expect(tracks).toEqual([
      { title: 'Untitled #1', track_artist: 'Jónsi[0m', album_title: '( )' },
      { title: 'Untitled #2', track_artist: null, album_title: '( )' },
    ]);
    const [artist] = await client.sql<{ title: string }[]>`select title from plex_artists`;
    expect(artist?.title).toBe('Sigur Rós');
    const users = await client.sql<{ username: string; friendly_name: string | null }[]>`
      select username, friendly_name from plex_users where plex_user_id = 2001`;
    expect(users).toEqual([{ username: 'eve', friendly_name: 'Eve Null' }]);
  });
});
