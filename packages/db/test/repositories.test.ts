import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendToPlaylist,
  claimIncidentReminder,
  createDb,
  createPlaylist,
  type DbClient,
  DecryptionError,
  deleteProviderKey,
  findCachedStem,
  getActivePlaylist,
  getOpenIncident,
  getOrCreateSettings,
  getProviderKey,
  getSyncState,
  linkPlexUser,
  listPlaylistSongs,
  listSongLabels,
  listSongs,
  loadQueueState,
  playedTrackKeys,
  putCachedStem,
  recordRemix,
  removeFromPlaylist,
  reportFailure,
  resolveIncident,
  saveQueueState,
  saveSyncState,
  setActivePlaylist,
  setDefaultVolume,
  setIncidentAlert,
  setProviderKey,
  updatePreferences,
  upsertListeningHistory,
  upsertPlexUsers,
  upsertProviderSong,
  upsertUser,
  userProviderKeys,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let database: TestDatabase;
let client: DbClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 4 });
});

afterAll(async () => {
  await client?.close();
  await database?.drop();
});

let nextSnowflake = 200000000000000000n;
const snowflake = () => String(nextSnowflake++);

describe('users', () => {
  it('upserts by Discord id: same row, refreshed username, kept when not given', async () => {
    const { db } = client;
    const id = snowflake();
    const a = await upsertUser(db, { discordId: id, discordUsername: 'ann' });
    const b = await upsertUser(db, { discordId: id, discordUsername: 'ann2' });
    const c = await upsertUser(db, { discordId: id });
    expect(b.id).toBe(a.id);
    expect(b.discordUsername).toBe('ann2');
    expect(c.discordUsername).toBe('ann2');
    expect(a.plan).toBe('free');
  });

  it('links a Plex account to one Discord user only', async () => {
    const { db } = client;
    const ann = await upsertUser(db, { discordId: snowflake() });
    const bob = await upsertUser(db, { discordId: snowflake() });
    const linked = await linkPlexUser(db, ann.id, { plexUserId: 1001, plexUsername: 'ann_plex' });
    expect(linked).toMatchObject({ ok: true, user: { plexUserId: 1001, plexUsername: 'ann_plex' } });
    expect(await linkPlexUser(db, bob.id, { plexUserId: 1001, plexUsername: 'ann_plex' })).toEqual({
      ok: false,
      reason: 'already-linked-elsewhere',
    });
  });

  it('counts remixes per period and starts a new period when it has passed', async () => {
    const { db } = client;
    const user = await upsertUser(db, { discordId: snowflake() });
    const day = 24 * 3600 * 1000;
    const start = user.usagePeriodStart.getTime();
    expect(await recordRemix(db, user.id, { now: new Date(start + 1000), periodMs: day })).toBe(1);
    expect(await recordRemix(db, user.id, { now: new Date(start + 2000), periodMs: day })).toBe(2);
    expect(await recordRemix(db, user.id, { now: new Date(start + day + 5000), periodMs: day })).toBe(1);
    expect(await recordRemix(db, user.id, { now: new Date(start + day + 6000), periodMs: day })).toBe(2);
  });
});

describe('settings', () => {
  it('creates defaults once and validates preference changes', async () => {
    const { db } = client;
    const user = await upsertUser(db, { discordId: snowflake() });
    const first = await getOrCreateSettings(db, user.id);
    expect(first.defaultVolume).toBe(100);
    expect(first.preferences.ephemeralReplies).toBe(false);
    expect((await getOrCreateSettings(db, user.id)).userId).toBe(user.id);

    const ok = await updatePreferences(db, user.id, { ephemeralReplies: true });
    expect(ok).toMatchObject({ ok: true, settings: { preferences: { ephemeralReplies: true } } });
    const bad = await updatePreferences(db, user.id, { remixGainDb: 99, nonsense: 1 });
    expect(bad.ok).toBe(false);
    expect((await getOrCreateSettings(db, user.id)).preferences.ephemeralReplies).toBe(true);

    await setDefaultVolume(db, user.id, 150);
    expect((await getOrCreateSettings(db, user.id)).defaultVolume).toBe(150);
    await expect(setDefaultVolume(db, user.id, 201)).rejects.toThrow(RangeError);
  });

  it('stores provider keys encrypted and refuses a tampered or moved ciphertext', async () => {
    const { db, sql: raw } = client;
    const key = { version: 1, key: randomBytes(32) };
    const ann = await upsertUser(db, { discordId: snowflake() });
    const bob = await upsertUser(db, { discordId: snowflake() });
    await setProviderKey(db, ann.id, 'sunoapi', 'sk-ann-secret-key', key);
    await setProviderKey(db, bob.id, 'sunoapi', 'sk-bob-secret-key', key);
    expect(await getProviderKey(db, ann.id, 'sunoapi', key)).toBe('sk-ann-secret-key');
    expect(await getProviderKey(db, ann.id, 'other', key)).toBeUndefined();

    const [stored] = await raw<{ ciphertext: Buffer }[]>`
      select ciphertext from user_provider_keys where user_id = ${ann.id}`;
    expect(stored?.ciphertext.toString('latin1')).not.toContain('sk-ann');

    // Bob's sealed value copied onto Ann's row does not open (the row is part of the authenticated data).
    const [bobRow] = await db.select().from(userProviderKeys).where(eq(userProviderKeys.userId, bob.id));
    await db
      .update(userProviderKeys)
      .set({ ciphertext: bobRow!.ciphertext, iv: bobRow!.iv, tag: bobRow!.tag })
      .where(eq(userProviderKeys.userId, ann.id));
    await expect(getProviderKey(db, ann.id, 'sunoapi', key)).rejects.toThrow(DecryptionError);

    await setProviderKey(db, ann.id, 'sunoapi', 'sk-ann-secret-key', key);
    await raw`update user_provider_keys set ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)
      where user_id = ${ann.id}`;
    await expect(getProviderKey(db, ann.id, 'sunoapi', key)).rejects.toThrow(DecryptionError);
    expect(await deleteProviderKey(db, ann.id, 'sunoapi')).toBe(true);
    expect(await getProviderKey(db, ann.id, 'sunoapi', key)).toBeUndefined();
  });
});

describe('monitor incidents', () => {
  it('opens once, counts further failures, resolves, then opens a new one', async () => {
    const { db } = client;
    const t0 = new Date('2026-11-01T10:00:00Z');
    const first = await reportFailure(db, { target: 'plex', error: 'ECONNREFUSED', now: t0, diagnostics: { a: 1 } });
    expect(first).toMatchObject({ opened: true, incident: { failureCount: 1, status: 'open' } });
    const second = await reportFailure(db, { target: 'plex', error: 'timeout', now: new Date(t0.getTime() + 60_000) });
    expect(second).toMatchObject({
      opened: false,
      incident: { id: first.incident.id, failureCount: 2, lastError: 'timeout' },
    });

    await setIncidentAlert(db, first.incident.id, { channelId: '1', messageId: '2', nextReminderAt: t0 });
    expect(await claimIncidentReminder(db, first.incident.id, t0, null)).toMatchObject({ reminderCount: 1 });
    // Claimed once: the same reminder is not due again.
    expect(await claimIncidentReminder(db, first.incident.id, t0, null)).toBeUndefined();
    expect(await getOpenIncident(db, 'plex')).toMatchObject({ alertMessageId: '2', reminderCount: 1 });

    const resolved = await resolveIncident(db, 'plex', new Date(t0.getTime() + 120_000));
    expect(resolved).toMatchObject({ id: first.incident.id, status: 'resolved' });
    expect(await resolveIncident(db, 'plex', new Date())).toBeUndefined();
    expect(await getOpenIncident(db, 'plex')).toBeUndefined();

    const again = await reportFailure(db, { target: 'plex', error: 'down', now: new Date() });
    expect(again.opened).toBe(true);
    expect(again.incident.id).not.toBe(first.incident.id);
  });

  it('opens exactly one incident when monitors report the same target at once', async () => {
    const { db } = client;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => reportFailure(db, { target: 'race', error: 'down', now: new Date() })),
    );
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect((await getOpenIncident(db, 'race'))?.failureCount).toBe(8);
  });
});

describe('songs and playlists', () => {
  it('upserts provider songs idempotently and filters by genre/style', async () => {
    const { db } = client;
    const owner = await upsertUser(db, { discordId: snowflake() });
    const base = { ownerUserId: owner.id, provider: 'sunoapi', providerTaskId: 't1', providerSongId: 's1' };
    const first = await upsertProviderSong(db, { ...base, status: 'ready', audioKey: 'songs/s1.mp3', genre: ' Jazz ' });
    // A late, partial callback must not erase what the first one stored.
    const again = await upsertProviderSong(db, { ...base, status: 'ready', title: 'Late' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ audioKey: 'songs/s1.mp3', genre: 'jazz', title: 'Late' });
    await upsertProviderSong(db, { ...base, providerSongId: 's2', status: 'ready', genre: 'Rock', style: 'Lo-Fi' });
    await upsertProviderSong(db, { ...base, providerSongId: 's3', status: 'pending', genre: 'rock' });

    expect((await listSongs(db, { ownerUserId: owner.id, genre: 'JAZZ' })).map((s) => s.providerSongId)).toEqual([
      's1',
    ]);
    expect((await listSongs(db, { ownerUserId: owner.id, style: 'lo-fi' })).map((s) => s.providerSongId)).toEqual([
      's2',
    ]);
    expect(await listSongs(db, { ownerUserId: owner.id, genre: 'rock', readyOnly: false })).toHaveLength(2);
    expect(await listSongLabels(db, 'genre', { ownerUserId: owner.id })).toEqual([
      { value: 'jazz', count: 1 },
      { value: 'rock', count: 1 },
    ]);
  });

  it('keeps one active playlist per user and dense positions', async () => {
    const { db } = client;
    const owner = await upsertUser(db, { discordId: snowflake() });
    const other = await upsertUser(db, { discordId: snowflake() });
    const a = await createPlaylist(db, owner.id, 'Morning');
    const b = await createPlaylist(db, owner.id, 'Evening');
    expect(await createPlaylist(db, owner.id, 'Morning')).toEqual({ ok: false, reason: 'name-taken' });
    expect(await createPlaylist(db, owner.id, '  ')).toEqual({ ok: false, reason: 'blank-name' });
    if (!a.ok || !b.ok) throw new Error('playlists not created');

    expect(await setActivePlaylist(db, owner.id, a.playlist.id)).toBe(true);
    expect(await setActivePlaylist(db, owner.id, b.playlist.id)).toBe(true);
    expect((await getActivePlaylist(db, owner.id))?.id).toBe(b.playlist.id);
    expect(await setActivePlaylist(db, other.id, a.playlist.id)).toBe(false);
    expect((await getActivePlaylist(db, owner.id))?.id).toBe(b.playlist.id);

    const song = (n: string) =>
      upsertProviderSong(db, { ownerUserId: owner.id, provider: 'sunoapi', providerTaskId: 'tp', providerSongId: n });
    const songIds = [(await song('p1')).id, (await song('p2')).id, (await song('p3')).id, (await song('p4')).id];
    const positions = await Promise.all(songIds.map((id) => appendToPlaylist(db, a.playlist.id, id)));
    expect(positions.sort()).toEqual([0, 1, 2, 3]);
    const order = (await listPlaylistSongs(db, a.playlist.id)).map((i) => i.song.id);

    expect(await removeFromPlaylist(db, a.playlist.id, 1)).toBe(true);
    expect(await removeFromPlaylist(db, a.playlist.id, 7)).toBe(false);
    const after = await listPlaylistSongs(db, a.playlist.id);
    expect(after.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(after.map((i) => i.song.id)).toEqual([order[0], order[2], order[3]]);
  });
});

describe('player, sync, stems, history', () => {
  it('saves and restores a guild queue', async () => {
    const { db } = client;
    const state = {
      guildId: '300000000000000001',
      voiceChannelId: '300000000000000002',
      textChannelId: null,
      items: [
        { kind: 'plex' as const, ratingKey: '5205', title: "Moment's Notice", requestedBy: '300000000000000003' },
      ],
      currentIndex: 0,
      positionMs: 61_500,
      loopMode: 'queue' as const,
      volume: 80,
      paused: false,
    };
    await saveQueueState(db, state);
    await saveQueueState(db, { ...state, positionMs: 70_000 });
    expect(await loadQueueState(db, state.guildId)).toEqual({ ...state, positionMs: 70_000 });
    await expect(
      saveQueueState(db, { ...state, items: [{ kind: 'song', songId: 'nope' }] as never }),
    ).rejects.toThrow();
  });

  it('keeps sync state per source, changing only the fields given', async () => {
    const { db } = client;
    const at = new Date('2026-11-02T00:00:00Z');
    await saveSyncState(db, 'tautulli:history', { cursor: '100', lastFullSyncAt: at, counts: { rows: 10 } });
    await saveSyncState(db, 'tautulli:history', { cursor: '120' });
    expect(await getSyncState(db, 'tautulli:history')).toMatchObject({
      cursor: '120',
      lastFullSyncAt: at,
      counts: { rows: 10 },
    });
  });

  it('caches stems by content hash, model and stem', async () => {
    const { db } = client;
    const key = { contentHash: 'abc', model: 'htdemucs', stem: 'vocals' };
    expect(await findCachedStem(db, key)).toBeUndefined();
    await putCachedStem(db, { ...key, storageKey: 'stems/abc/vocals.flac', sizeBytes: 1234 });
    await putCachedStem(db, { ...key, storageKey: 'stems/abc/vocals-2.flac', sizeBytes: 1300 });
    expect(await findCachedStem(db, key)).toMatchObject({ storageKey: 'stems/abc/vocals-2.flac', sizeBytes: 1300 });
    expect(await findCachedStem(db, { ...key, stem: 'drums' })).toBeUndefined();
  });

  it('upserts Tautulli history rows by row id and answers played tracks per artist', async () => {
    const { db } = client;
    await upsertPlexUsers(db, [{ plexUserId: 1002, username: 'bob_plex', friendlyName: 'Bob' }]);
    const row = (rowId: number, ratingKey: string, artist: string) => ({
      rowId,
      plexUserId: 1002,
      mediaType: 'track',
      ratingKey,
      parentRatingKey: '5102',
      grandparentRatingKey: artist,
      startedAt: new Date(1794984696 * 1000),
      stoppedAt: null,
      durationPlayedS: 10,
      percentComplete: 5,
      watchedStatus: 0,
    });
    expect(
      await upsertListeningHistory(db, [row(9, '5204', '5002'), row(10, '5205', '5002'), row(11, '6001', '6000')]),
    ).toBe(3);
    await upsertListeningHistory(db, [{ ...row(10, '5205', '5002'), percentComplete: 100, watchedStatus: 1 }]);
    expect((await playedTrackKeys(db, 1002, '5002')).sort()).toEqual(['5204', '5205']);
    const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n from listening_history`);
    expect(count?.n).toBe(3);
  });
});
