import { silentLogger } from '@autoalex/contracts';
import { createDb, type DbClient, getSyncState, LIBRARY_SYNC_LOCK_KEY, withAdvisoryLock } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type CompletionView, compare, completion } from '@autoalex/listening';
import { createPlexClient } from '@autoalex/plex';
import {
  createFakeLibrary,
  type FakeLibrary,
  type FakePlex,
  householdLibrary,
  startFakePlex,
} from '@autoalex/plex/testing';
import { createTautulliClient } from '@autoalex/tautulli';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync, type SyncDeps } from '../src/sync/run-sync.ts';
import { userCursorSource } from '../src/sync/tautulli-history.ts';
import { createSyncTracker } from '../src/sync/tracker.ts';
import { librarySyncCheck } from '../src/sync-health.ts';

/** Miles Davis in householdLibrary(): Kind of Blue (4) + Bitches Brew (2) + Milestones on the compilation. */
const MILES_TRACKS = 7;

let database: TestDatabase;
let client: DbClient;
let library: FakeLibrary;
let fakePlex: FakePlex;
let fakeTautulli: FakeTautulli;
let deps: SyncDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 4 });
  library = createFakeLibrary(householdLibrary());
  fakePlex = await startFakePlex(library);
  fakeTautulli = await startFakeTautulli(library);
  deps = {
    db: client.db,
    plex: createPlexClient({ url: fakePlex.url, token: fakePlex.token, retries: 0, pageSize: 5 }),
    tautulli: createTautulliClient({ url: fakeTautulli.url, apiKey: fakeTautulli.apiKey, retries: 0 }),
    logger: silentLogger,
    tracker: createSyncTracker(),
    overlapMs: 86_400_000,
  };
});

afterAll(async () => {
  await fakePlex?.close();
  await fakeTautulli?.close();
  await client?.close();
  await database?.drop();
});

const db = () => client.db;

async function completed(artist: string, plexUserId: number, threshold?: number): Promise<CompletionView> {
  const result = await completion({ db: db() }, { artist, plexUserId, threshold });
  if (result.kind !== 'completion') throw new Error(`expected a completion, got ${JSON.stringify(result)}`);
  return result;
}

const summary = (view: CompletionView) => ({ listened: view.listened, total: view.total, percent: view.percent });
const historyRequests = () => fakeTautulli.requests.filter((r) => r.query.get('cmd') === 'get_history');

describe('full sync into a fresh database', () => {
  it('mirrors the library: artists, albums, tracks, track vs album artist, MusicBrainz ids', async () => {
    const result = await runSync(deps, { mode: 'full' });
    expect(result.plex).toMatchObject({
      sections: 1,
      listed: { artists: 4, albums: 5, tracks: 14 },
      written: { artists: 4, albums: 5, tracks: 14 },
      deleted: { artists: 0, albums: 0, tracks: 0 },
    });
    // Tautulli lists its "Local" user (id 0) too.
    expect(result.history).toMatchObject({ users: 4, fetched: 12, written: 12, deleted: 0, skipped: 0 });
    expect(result.counts).toMatchObject({ artists: 4, albums: 5, tracks: 14, plays: 12, users: 4 });

    const [milestones] = await client.sql<
      Record<string, unknown>[]
    >`select album_artist, track_artist, album_title, track_number, disc_number from plex_tracks where rating_key = '5232'`;
    expect(milestones).toEqual({
      album_artist: 'Various Artists',
      track_artist: 'Miles Davis',
      album_title: 'Jazz Compilation',
      track_number: 2,
      disc_number: 1,
    });
    const [soWhat] = await client.sql<
      { musicbrainz_id: string }[]
    >`select musicbrainz_id from plex_tracks where rating_key = '5201'`;
    expect(soWhat?.musicbrainz_id).toBe('00000000-0000-4000-8000-000000005201');
    const [miles] = await client.sql<
      { musicbrainz_id: string }[]
    >`select musicbrainz_id from plex_artists where rating_key = '5001'`;
    expect(miles?.musicbrainz_id).toBe('00000000-0000-4000-8000-000000005001');
    const [unlinked] = await client.sql<
      { n: string }[]
    >`select count(*) as n from listening_history where track_id is null`;
    expect(Number(unlinked?.n)).toBe(0);
  });

  it('reads history by user and date window, never with large offsets', () => {
    const requests = historyRequests();
    expect(requests.length).toBeGreaterThan(3);
    for (const r of requests) {
      expect(r.query.get('user_id')).toMatch(/^(0|100[123])$/);
      expect(r.query.get('after')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.query.get('before')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.query.get('media_type')).toBe('track');
      expect(r.query.get('include_activity')).toBe('0');
      expect(Number(r.query.get('start'))).toBe(0);
    }
  });

  it('answers completion with the exact expected shares', async () => {
    const alice = await completed('Miles Davis', 1001);
    expect(summary(alice)).toEqual({ listened: 6, total: MILES_TRACKS, percent: 85.7 });
    expect(alice.finished.map((a) => a.title)).toEqual(['Kind of Blue', 'Jazz Compilation']);
    expect(alice.inProgress.map((a) => [a.title, a.listened, a.total])).toEqual([['Bitches Brew', 1, 2]]);
    expect(alice.albums.find((a) => a.title === 'Jazz Compilation')).toMatchObject({
      albumArtist: 'Various Artists',
      listened: 1,
      total: 1,
    });
    expect(alice.notStarted).toBe(0);
    expect(alice.lastPlay).toMatchObject({
      track: 'Milestones',
      album: 'Jazz Compilation',
      percent: 90,
      listened: true,
    });

    // 5212 was heard to 40 %: a listen only when the threshold is 40 or less.
    expect(summary(await completed('Miles Davis', 1001, 40))).toEqual({ listened: 7, total: 7, percent: 100 });
    // a track played by two users counts for each
    expect(summary(await completed('miles davis', 1002))).toEqual({ listened: 3, total: 7, percent: 42.9 });
    // a user with no plays
    const carol = await completed('Miles Davis', 1003);
    expect(summary(carol)).toEqual({ listened: 0, total: 7, percent: 0 });
    expect(carol.lastPlay).toBeNull();
    expect(carol.notStarted).toBe(3);
    // an artist with no plays
    expect(summary(await completed('Bill Evans', 1001))).toEqual({ listened: 0, total: 2, percent: 0 });
    // album artist + the compilation track for the track artist
    expect(summary(await completed('John Coltrane', 1001))).toEqual({ listened: 1, total: 4, percent: 25 });
    // the compilation's album artist counts all of its tracks
    expect(summary(await completed('Various Artists', 1001))).toEqual({ listened: 1, total: 3, percent: 33.3 });
    // a name known only as a track artist
    expect(summary(await completed('Dave Brubeck', 1001))).toEqual({ listened: 0, total: 1, percent: 0 });
    // the autocomplete value form
    expect(summary(await completed('artist:5001', 1001))).toEqual({ listened: 6, total: 7, percent: 85.7 });
  });

  it('answers unknown artists and users with a result, not an exception', async () => {
    expect(await completion({ db: db() }, { artist: 'Nobody Special', plexUserId: 1001 })).toEqual({
      kind: 'unknown-artist',
      query: 'Nobody Special',
      suggestions: [],
    });
    expect(await completion({ db: db() }, { artist: 'Miles Davs', plexUserId: 1001 })).toEqual({
      kind: 'unknown-artist',
      query: 'Miles Davs',
      suggestions: ['Miles Davis'],
    });
    expect(await completion({ db: db() }, { artist: 'Miles', plexUserId: 1001 })).toEqual({
      kind: 'unknown-artist',
      query: 'Miles',
      suggestions: ['Miles Davis'],
    });
    expect(await completion({ db: db() }, { artist: 'artist:999999', plexUserId: 1001 })).toMatchObject({
      kind: 'unknown-artist',
    });
    expect(await completion({ db: db() }, { artist: 'Miles Davis', plexUserId: 4242 })).toEqual({
      kind: 'unknown-user',
      plexUserId: 4242,
    });
  });

  it('compares two users', async () => {
    const result = await compare({ db: db() }, { artist: 'Miles Davis', userA: 1001, userB: 1002 });
    if (result.kind !== 'compare') throw new Error(result.kind);
    expect(result.a).toMatchObject({ listened: 6, percent: 85.7, finishedAlbums: 2, user: { name: 'Alice' } });
    expect(result.b).toMatchObject({ listened: 3, percent: 42.9, finishedAlbums: 1, user: { name: 'Bob' } });
    expect(result.leader).toBe('a');
    expect(result.margin).toBe(3);
    expect(result.finishedOnlyByA.map((a) => a.title)).toEqual(['Kind of Blue', 'Jazz Compilation']);
    expect(result.finishedOnlyByB.map((a) => a.title)).toEqual(['Bitches Brew']);
    expect(await compare({ db: db() }, { artist: 'Miles Davis', userA: 1001, userB: 7 })).toEqual({
      kind: 'unknown-user',
      plexUserId: 7,
    });
  });

  it('reports the sync in the library-sync health check', async () => {
    const check = librarySyncCheck({ db: db(), tracker: deps.tracker });
    const outcome = await check();
    expect(outcome.status).toBe('ok');
    expect(outcome.detail).toMatch(/last full sync \d{4}-\d\d-\d\dT/);
    expect(outcome.detail).toContain('4 artists, 5 albums, 14 tracks, 12 plays, 4 users');
    expect(deps.tracker.last).toMatchObject({ mode: 'full', ok: true });
  });
});

describe('incremental sync', () => {
  it('writes nothing when nothing changed, and asks Tautulli only from each cursor on', async () => {
    const cursor = Math.max(...library.plays.filter((p) => p.userId === 1001).map((p) => p.started));
    expect(Number((await getSyncState(db(), userCursorSource(1001)))?.cursor)).toBe(cursor);
    const before = historyRequests().length;
    const result = await runSync(deps, { mode: 'incremental' });
    expect(result.plex?.written).toEqual({ artists: 0, albums: 0, tracks: 0 });
    expect(result.plex?.deleted).toEqual({ artists: 0, albums: 0, tracks: 0 });
    expect(result.history?.written).toBe(0);
    const aliceCalls = historyRequests()
      .slice(before)
      .filter((r) => r.query.get('user_id') === '1001');
    // windows from the cursor minus the overlap (a day) and Tautulli's day boundary, doubling to today
    const earliest = new Date((cursor - 2 * 86_400) * 1000).toISOString().slice(0, 10);
    for (const r of aliceCalls) expect(r.query.get('after')! >= earliest).toBe(true);
    expect(aliceCalls.length).toBeLessThanOrEqual(6);
  });

  it('picks up new plays since the cursor without duplicating old ones', async () => {
    library.addPlay({ user: 1003, track: 5241, at: new Date() });
    const result = await runSync(deps, { mode: 'incremental' });
    expect(result.history?.written).toBe(1);
    expect(result.counts.plays).toBe(13);
    expect(summary(await completed('Bill Evans', 1003))).toEqual({ listened: 1, total: 2, percent: 50 });
  });

  it('links plays of a re-added album (new rating keys) to its new tracks by identity', async () => {
    library.remove(5102);
    const renamed = library.readd(5102);
    const result = await runSync(deps, { mode: 'incremental' });
    expect(result.plex?.deleted).toEqual({ artists: 0, albums: 1, tracks: 2 });
    expect(result.plex?.written).toMatchObject({ albums: 1, tracks: 2 });
    expect(result.relinked.successor).toBe(4); // alice 5211, 5212; bob 5211, 5212
    expect(summary(await completed('Miles Davis', 1001))).toEqual({ listened: 6, total: 7, percent: 85.7 });
    expect(summary(await completed('Miles Davis', 1002))).toEqual({ listened: 3, total: 7, percent: 42.9 });

    // a play of the new key counts too
    library.addPlay({ user: 1003, track: Number(renamed.get('5211')), at: new Date() });
    await runSync(deps, { mode: 'incremental' });
    expect(summary(await completed('Miles Davis', 1003))).toEqual({ listened: 1, total: 7, percent: 14.3 });
  });

  it('links plays of a re-added track by its MusicBrainz id', async () => {
    library.remove(5201);
    const renamed = library.readd(5201);
    const result = await runSync(deps, { mode: 'incremental' });
    expect(result.plex?.deleted.tracks).toBe(1);
    expect(result.relinked.successor).toBe(2); // alice and bob played So What
    const [row] = await client.sql<
      { musicbrainz_id: string; deleted_at: Date | null }[]
    >`select musicbrainz_id, deleted_at from plex_tracks where rating_key = ${renamed.get('5201')!}`;
    expect(row).toEqual({ musicbrainz_id: '00000000-0000-4000-8000-000000005201', deleted_at: null });
    expect(summary(await completed('Miles Davis', 1001))).toEqual({ listened: 6, total: 7, percent: 85.7 });
    expect(summary(await completed('Miles Davis', 1002))).toEqual({ listened: 3, total: 7, percent: 42.9 });
  });

  it('soft-deletes a track Plex no longer has: it stops counting, its plays stay', async () => {
    library.remove(5204);
    const result = await runSync(deps, { mode: 'incremental' });
    expect(result.plex?.deleted.tracks).toBe(1);
    const alice = await completed('Miles Davis', 1001);
    expect(summary(alice)).toEqual({ listened: 5, total: 6, percent: 83.3 });
    expect(alice.finished.map((a) => a.title)).toContain('Kind of Blue');
    const [kept] = await client.sql<
      { n: string }[]
    >`select count(*) as n from listening_history where rating_key = '5204'`;
    expect(Number(kept?.n)).toBe(1);
  });

  it('re-reads history from a given time when asked', async () => {
    const result = await runSync(deps, { mode: 'incremental', since: new Date(Date.UTC(2019, 0, 1)) });
    expect(result.history?.fetched).toBe(14);
    expect(result.history?.written).toBe(0);
  });
});

describe('full sync again', () => {
  it('drops plays Tautulli no longer has and keeps everything else', async () => {
    expect(summary(await completed('Miles Davis', 1003))).toEqual({ listened: 1, total: 6, percent: 16.7 });
    // carol's play of the re-added Pharaoh's Dance, deleted in Tautulli (by its row id: later plays
    // get new ids, so any play can go)
    const carols = library.plays.filter((p) => p.userId === 1003 && p.track.title === "Pharaoh's Dance");
    expect(carols).toHaveLength(1);
    library.removePlay(carols[0]!.id);
    const result = await runSync(deps, { mode: 'full' });
    expect(result.history?.deleted).toBe(1);
    expect(result.plex?.written).toEqual({ artists: 0, albums: 0, tracks: 0 });
    expect(summary(await completed('Miles Davis', 1003))).toEqual({ listened: 0, total: 6, percent: 0 });
    expect(summary(await completed('Miles Davis', 1002))).toEqual({ listened: 3, total: 6, percent: 50 });
  });
});

describe('an upstream fails', () => {
  it('Plex down: history still syncs, the run fails, health is degraded until a sync succeeds', async () => {
    library.addPlay({ user: 1002, track: 5221, at: new Date() });
    await fakePlex.down('refused');
    try {
      await expect(runSync(deps, { mode: 'incremental' })).rejects.toMatchObject({ kind: 'unreachable' });
    } finally {
      await fakePlex.up();
    }
    expect(summary(await completed('John Coltrane', 1002))).toEqual({ listened: 1, total: 4, percent: 25 });
    const degraded = await librarySyncCheck({ db: db(), tracker: deps.tracker })();
    expect(degraded.status).toBe('degraded');
    expect(degraded.detail).toMatch(/last sync failed: .*Plex/);
    expect(deps.tracker.last).toMatchObject({ ok: false });

    await runSync(deps, { mode: 'incremental' });
    expect((await librarySyncCheck({ db: db(), tracker: deps.tracker })()).status).toBe('ok');
  });
});

describe('sync lock', () => {
  it('lets one sync run at a time', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = withAdvisoryLock(client.sql, LIBRARY_SYNC_LOCK_KEY, async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await withAdvisoryLock(client.sql, LIBRARY_SYNC_LOCK_KEY, async () => 'second')).toEqual({
      locked: false,
    });
    release();
    expect(await first).toEqual({ locked: true, value: 'first' });
    expect(await withAdvisoryLock(client.sql, LIBRARY_SYNC_LOCK_KEY, async () => 'third')).toEqual({
      locked: true,
      value: 'third',
    });
  });
});
