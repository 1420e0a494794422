import { createFakeLibrary, type FakeLibraryDescription, sampleLibrary } from '@autoalex/plex/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTautulliClient, type HistoryRow, type TautulliClient } from '../src/index.ts';
import { type FakeTautulli, startFakeTautulli } from '../src/testing/index.ts';

// The Tautulli client against the fake Tautulli: activity (none / some / no Plex), users, history
// filters and paging, and historyByUserSince paging by user and date window.

let fake: FakeTautulli;
let tautulli: TautulliClient;

beforeEach(async () => {
  fake = await startFakeTautulli(sampleLibrary());
  tautulli = createTautulliClient({ url: fake.url, apiKey: fake.apiKey, retryBaseMs: 1 });
});

afterEach(async () => {
  await fake.close();
});

describe('activity', () => {
  it('zero sessions is connected with a count of 0', async () => {
    expect(await tautulli.activity()).toEqual({ connected: true, streamCount: 0, sessions: [], totalBandwidth: 0 });
  });

  it('no Plex connection (data: {}) is not the same as zero sessions', async () => {
    fake.setPlexConnected(false);
    expect(await tautulli.activity()).toEqual({ connected: false });
    expect(await tautulli.libraries()).toEqual([]);
  });

  it('lists sessions with numbers as numbers and rating keys as strings', async () => {
    fake.library.startSession({ user: 1001, track: 5201, offset: 120, sessionKey: 42 });
    const activity = await tautulli.activity();
    if (!activity.connected) throw new Error('expected a connection');
    expect(activity.streamCount).toBe(1);
    expect(activity.sessions[0]).toMatchObject({
      session_key: '42',
      user: 'alice_plex',
      user_id: 1001,
      friendly_name: 'Alice',
      full_title: 'So What - Miles Davis',
      rating_key: '5201',
      parent_rating_key: '5101',
      grandparent_rating_key: '5001',
      player: 'Pixel 8',
      product: 'Plexamp',
      state: 'playing',
      progress_percent: 21,
      view_offset: 120000,
      duration: 562000,
      transcode_decision: 'direct play',
      stream_audio_codec: 'flac',
      bandwidth: 1500,
    });
  });
});

describe('users, libraries, server', () => {
  it('lists users including the built-in Local user', async () => {
    const users = await tautulli.users();
    expect(users.map((u) => [u.user_id, u.username, u.friendly_name])).toEqual([
      [0, 'Local', 'Local'],
      [1001, 'alice_plex', 'Alice'],
      [1002, 'bob_plex', 'Bob'],
    ]);
  });

  it('lists libraries with counts', async () => {
    expect(await tautulli.libraries()).toEqual([
      expect.objectContaining({ section_id: '1', section_type: 'movie', count: 0 }),
      expect.objectContaining({
        section_id: '3',
        section_name: 'Music',
        section_type: 'artist',
        count: 3,
        parent_count: 3,
        child_count: 7,
      }),
    ]);
  });

  it('reads the server info', async () => {
    expect(await tautulli.serverInfo()).toMatchObject({
      pms_name: 'Fake PMS',
      pms_identifier: fake.library.server.machineIdentifier,
      pms_port: 32400,
    });
  });
});

describe('history', () => {
  it('filters by user, artist and media type, with Tautulli counts', async () => {
    const page = await tautulli.history({ user_id: 1001, grandparent_rating_key: 5001, media_type: 'track' });
    expect(page.recordsTotal).toBe(10);
    expect(page.recordsFiltered).toBe(3);
    expect(page.rows.map((r) => [r.row_id, r.rating_key, r.user])).toEqual([
      [3, '5203', 'alice_plex'],
      [2, '5202', 'alice_plex'],
      [1, '5201', 'alice_plex'],
    ]);
    const row = page.rows[0] as HistoryRow;
    expect(row).toMatchObject({
      duration: 337,
      percent_complete: 100,
      watched_status: 1,
      full_title: 'Blue in Green - Miles Davis',
    });
  });

  it('pages with start/length and orders', async () => {
    const first = await tautulli.history({ order_column: 'date', order_dir: 'asc', start: 0, length: 4 });
    const second = await tautulli.history({ order_column: 'date', order_dir: 'asc', start: 4, length: 4 });
    expect(first.rows.map((r) => r.row_id)).toEqual([1, 2, 3, 4]);
    expect(second.rows.map((r) => r.row_id)).toEqual([5, 6, 7, 8]);
    expect(second.recordsFiltered).toBe(10);
  });

  it('by Plex username, by track, by album, by date', async () => {
    expect((await tautulli.history({ user: 'bob_plex' })).recordsFiltered).toBe(5);
    expect((await tautulli.history({ rating_key: 5205 })).rows.map((r) => r.row_id)).toEqual([10, 8]);
    expect((await tautulli.history({ parent_rating_key: '5102' })).recordsFiltered).toBe(4);
    const day = new Date(1794976596 * 1000).toISOString().slice(0, 10);
    expect((await tautulli.history({ after: day, before: day })).recordsFiltered).toBe(10);
    expect((await tautulli.history({ before: '2000-01-01' })).recordsFiltered).toBe(0);
  });

  it('leaves live sessions out unless asked, and marks them with a null row_id', async () => {
    fake.library.startSession({ user: 1002, track: 5204, startedAt: 1795236059 });
    const without = await tautulli.history({ length: 2 });
    expect(without.rows.every((r) => r.row_id !== null)).toBe(true);
    expect(fake.requests.at(-1)?.query.get('include_activity')).toBe('0');
    const withActivity = await tautulli.history({ length: 2, include_activity: true });
    expect(withActivity.recordsFiltered).toBe(11);
    expect(withActivity.rows[0]).toMatchObject({
      row_id: null,
      state: 'playing',
      user: 'bob_plex',
      rating_key: '5204',
    });
  });

  it('refuses bad queries before sending them', async () => {
    await expect(tautulli.history({ after: '2026-13-01' })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(tautulli.history({ length: 0 })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(tautulli.history({ rating_key: '12 OR 1=1' })).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('historyByUserSince', () => {
  /** A user with plays spread over ~200 days: a dense week, sparse months, two plays on one day. */
  function spreadLibrary(): FakeLibraryDescription {
    const base = sampleLibrary();
    const start = Date.UTC(2026, 0, 1) / 1000;
    const plays: NonNullable<FakeLibraryDescription['plays']> = [];
    const tracks = [5201, 5202, 5203, 5204, 5205, 5206, 5207];
    // dense: 40 plays on each of 3 days; sparse: one play every 9 days; both users
    for (let day = 0; day < 200; day++) {
      const perDay = day >= 100 && day < 103 ? 40 : day % 9 === 0 ? 1 : 0;
      for (let i = 0; i < perDay; i++)
        for (const user of [1001, 1002])
          plays.push({
            user,
            track: tracks[(day + i) % tracks.length] ?? 5201,
            at: start + day * 86400 + 3600 + i * 60,
          });
    }
    return { ...base, plays };
  }

  it('yields every play of the user since the time, oldest first, once, without big offsets', async () => {
    const library = createFakeLibrary(spreadLibrary());
    const server = await startFakeTautulli(library);
    try {
      const client = createTautulliClient({ url: server.url, apiKey: server.apiKey });
      const since = Date.UTC(2026, 0, 20) / 1000;
      const rows: HistoryRow[] = [];
      for await (const row of client.historyByUserSince(1001, since, {
        pageLength: 25,
        windowDays: 30,
        now: () => new Date(Date.UTC(2026, 8, 1)),
      }))
        rows.push(row);
      const expected = library.plays.filter((p) => p.userId === 1001 && p.started >= since).map((p) => p.id);
      expect(rows.map((r) => r.row_id)).toEqual(expected);
      expect(rows.every((r) => r.user_id === 1001)).toBe(true);
      const calls = server.requests.filter((r) => r.query.get('cmd') === 'get_history');
      for (const call of calls) {
        expect(call.query.get('user_id')).toBe('1001');
        expect(call.query.get('after')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(call.query.get('before')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(call.query.get('include_activity')).toBe('0');
        expect(call.query.get('grouping')).toBe('0');
        expect(call.query.get('order_dir')).toBe('asc');
        // Offsets only ever page within one dense day (40 plays, pages of 25).
        expect(Number(call.query.get('start'))).toBeLessThan(40);
      }
      expect(calls.length).toBeLessThan(40);
    } finally {
      await server.close();
    }
  });

  it('an incremental poll since the last play costs one or two calls', async () => {
    const since = 1794976596 + 5 * 900;
    const rows: number[] = [];
    for await (const row of tautulli.historyByUserSince(1002, since, { now: () => new Date(1794990000 * 1000) }))
      rows.push(row.row_id ?? -1);
    expect(rows).toEqual([6, 9, 10]);
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });

  it('copes with a server in another time zone', async () => {
    const server = await startFakeTautulli(spreadLibrary(), { timeZone: 'Pacific/Kiritimati' });
    try {
      const client = createTautulliClient({ url: server.url, apiKey: server.apiKey });
      const since = Date.UTC(2026, 3, 10, 23, 30) / 1000; // day 99, 23:30 UTC: already day 100 in UTC+14
      const rows: number[] = [];
      for await (const row of client.historyByUserSince(1002, since, {
        pageLength: 50,
        now: () => new Date(Date.UTC(2026, 8, 1)),
      }))
        rows.push(row.row_id ?? -1);
      const expected = server.library.plays.filter((p) => p.userId === 1002 && p.started >= since).map((p) => p.id);
      expect(rows).toEqual(expected);
    } finally {
      await server.close();
    }
  });
});
