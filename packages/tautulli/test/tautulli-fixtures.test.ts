import { type FakeServer, startFakeServer } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTautulliClient, type TautulliClient } from '../src/index.ts';
import { tautulliFixtureText } from '../src/testing/index.ts';

// The Tautulli client against answers recorded from real Tautulli v2.17.2, served byte for byte.

let server: FakeServer;
/** The fixture the next request gets, and its HTTP status. */
let next: { file: string; status: number } = { file: 'empty-get_history.json', status: 200 };
let tautulli: TautulliClient;

beforeAll(async () => {
  server = await startFakeServer((_request, response) => {
    const text = tautulliFixtureText(next.file);
    // error-invalid-apikey.txt holds the body on its first line and the status line after it.
    const body = next.file.endsWith('.txt') ? (text.split('\n')[0] ?? '') : text;
    response.writeHead(next.status, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(body);
  });
  tautulli = createTautulliClient({ url: server.url, apiKey: '0123456789abcdef0123456789abcdef', retries: 0 });
});

afterAll(async () => {
  await server.close();
});

function serve(file: string, status = 200) {
  next = { file, status };
}

describe('get_history', () => {
  const histories: [file: string, filtered: number, total: number, rowIds: (number | null)[]][] = [
    ['empty-get_history.json', 0, 0, []],
    ['get_history-track-len3.json', 10, 10, [10, 9, 8]],
    ['get_history-user_id-1001.json', 5, 10, [8, 7, 3, 2, 1]],
    ['get_history-user-bob.json', 5, 10, [10, 9, 6, 5, 4]],
    ['get_history-grandparent-5001.json', 6, 10, [6, 5, 4, 3, 2, 1]],
    ['get_history-movie.json', 0, 10, []],
    ['get_history-search.json', 4, 10, [10, 9, 8, 7]],
    ['get_history-asc-start2.json', 10, 10, [3, 4]],
    ['get_history-section3.json', 10, 10, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ['get_history-include_activity.json', 11, 10, [null, 10]],
    ['get_history-row-written-by-tautulli-itself.json', 6, 11, [11, 8]],
  ];
  for (const [file, filtered, total, rowIds] of histories) {
    it(file, async () => {
      serve(file);
      const page = await tautulli.history();
      expect(page.recordsFiltered).toBe(filtered);
      expect(page.recordsTotal).toBe(total);
      expect(page.rows.map((r) => r.row_id)).toEqual(rowIds);
      for (const row of page.rows) {
        expect(typeof row.rating_key).toBe('string');
        expect(typeof row.grandparent_rating_key).toBe('string');
        expect(row.media_type).toBe('track');
      }
    });
  }

  it('reads a row the way the suite uses it', async () => {
    serve('get_history-row-written-by-tautulli-itself.json');
    const [row] = (await tautulli.history()).rows;
    expect(row).toMatchObject({
      row_id: 11,
      user_id: 1001,
      user: 'alice_plex',
      friendly_name: 'Alice',
      rating_key: '5201',
      parent_rating_key: '5101',
      grandparent_rating_key: '5001',
      started: 1795236149,
      stopped: 1795236209,
      duration: 60,
      percent_complete: 21,
      watched_status: 0.25,
      full_title: 'So What - Miles Davis',
    });
  });

  it('a live session row has no row id', async () => {
    serve('get_history-include_activity.json');
    const [live] = (await tautulli.history({ include_activity: true })).rows;
    expect(live).toMatchObject({ row_id: null, reference_id: null, state: 'playing', session_key: 42 });
  });
});

describe('get_activity', () => {
  it('no Plex connection (both recordings) reads as not connected', async () => {
    for (const file of ['get_activity.json', 'empty-get_activity.json']) {
      serve(file);
      expect(await tautulli.activity()).toEqual({ connected: false });
    }
  });

  it('a live track session', async () => {
    serve('get_activity-with-fakepms-track.json');
    const activity = await tautulli.activity();
    expect(activity).toMatchObject({ connected: true, streamCount: 1, totalBandwidth: 1500 });
    if (!activity.connected) return;
    expect(activity.sessions[0]).toMatchObject({
      session_key: '42',
      user: 'alice_plex',
      user_id: 1001,
      friendly_name: 'Alice',
      rating_key: '5201',
      grandparent_rating_key: '5001',
      section_id: null,
      progress_percent: 21,
      view_offset: 120000,
      duration: 562000,
      bandwidth: 1500,
      state: 'playing',
      stream_audio_codec: 'flac',
      player: 'Pixel 8',
      product: 'Plexamp',
    });
  });
});

describe('other commands', () => {
  it('get_users, with and without a household', async () => {
    serve('get_users.json');
    expect((await tautulli.users()).map((u) => u.username)).toEqual(['Local', 'alice_plex', 'bob_plex']);
    serve('empty-get_users.json');
    expect((await tautulli.users()).map((u) => u.user_id)).toEqual([0]);
  });

  it('get_libraries, with and without Plex', async () => {
    serve('get_libraries-with-fakepms.json');
    expect(await tautulli.libraries()).toEqual([
      expect.objectContaining({ section_id: '3', section_type: 'artist', count: 1, parent_count: 1, child_count: 1 }),
    ]);
    serve('get_libraries.json');
    expect(await tautulli.libraries()).toEqual([]);
  });

  it('get_server_info before Plex is set up', async () => {
    serve('empty-get_server_info.json');
    expect(await tautulli.serverInfo()).toMatchObject({ pms_name: '', pms_port: 32400, pms_plexpass: 0 });
  });

  it('the recorded wrong-key answer is bad-api-key', async () => {
    serve('error-invalid-apikey.txt', 400);
    await expect(tautulli.users()).rejects.toMatchObject({ kind: 'bad-api-key', status: 400 });
  });

  it('the recorded unknown-command answer is command-failed', async () => {
    serve('bad_cmd.json', 400);
    await expect(tautulli.users()).rejects.toMatchObject({ kind: 'command-failed', status: 400 });
  });
});
