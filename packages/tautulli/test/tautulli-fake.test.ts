import { createFakeLibrary, type FakeLibrary, sampleLibrary } from '@autoalex/plex/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTautulli, startFakeTautulli, tautulliFixture, tautulliFixtureText } from '../src/testing/index.ts';

// The fake Tautulli against the answers recorded from real Tautulli v2.17.2: seeded with the
// recording's household it must give the recorded answers value for value; whatever it answers
// otherwise must have exactly the recorded fields, in order, with the recorded JSON types.

type Json = Record<string, unknown>;

const started: FakeTautulli[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function fakeWith(library: FakeLibrary | ReturnType<typeof sampleLibrary>, options = {}) {
  const fake = await startFakeTautulli(library, options);
  started.push(fake);
  return fake;
}

async function call(fake: FakeTautulli, query: string, apikey = fake.apiKey) {
  const response = await fetch(`${fake.url}/api/v2?apikey=${apikey}&${query}`);
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Json };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** For each field: the JSON types it takes across the recorded rows. */
function recordedTypes(rows: Json[]): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const row of rows)
    for (const [key, value] of Object.entries(row)) {
      const set = types.get(key) ?? new Set<string>();
      set.add(typeOf(value));
      types.set(key, set);
    }
  return types;
}

/** Same keys in the same order as the recording, each with a type the recording has. */
function expectShape(rows: Json[], recorded: Json[], label: string) {
  expect(rows.length, `${label}: no rows to compare`).toBeGreaterThan(0);
  const types = recordedTypes(recorded);
  const keys = Object.keys(recorded[0] ?? {});
  for (const row of rows) {
    expect(Object.keys(row), label).toEqual(keys);
    for (const [key, value] of Object.entries(row)) {
      const allowed = types.get(key);
      // integer where the recording only has floats is fine (Python prints 1 and 0.25 alike as numbers)
      const type = typeOf(value);
      const ok = allowed?.has(type) || (type === 'integer' && allowed?.has('number'));
      expect(ok, `${label}.${key}: ${type} not in recorded ${[...(allowed ?? [])].join('|')}`).toBe(true);
    }
  }
}

function historyRows(file: string): Json[] {
  return (tautulliFixture(file).response.data as { data: Json[] }).data;
}

const RECORDED_HISTORY: [file: string, query: string][] = [
  ['get_history-track-len3.json', 'media_type=track&length=3'],
  ['get_history-user_id-1001.json', 'user_id=1001&media_type=track'],
  ['get_history-user-bob.json', 'user=bob_plex'],
  ['get_history-grandparent-5001.json', 'grandparent_rating_key=5001&media_type=track&length=100'],
  ['get_history-movie.json', 'media_type=movie'],
  ['get_history-search.json', 'search=Coltrane'],
  ['get_history-asc-start2.json', 'order_column=date&order_dir=asc&start=2&length=2'],
  ['get_history-section3.json', 'section_id=3&after=2000-01-01'],
];

describe('seeded with the recorded household, it gives the recorded answers', () => {
  for (const [file, query] of RECORDED_HISTORY) {
    it(`get_history&${query} = ${file}`, async () => {
      const fake = await fakeWith(sampleLibrary());
      const { status, type, body } = await call(fake, `cmd=get_history&${query}`);
      expect(status).toBe(200);
      expect(type).toBe('application/json;charset=UTF-8');
      expect(body).toEqual(tautulliFixture(file));
    });
  }

  it('get_users = get_users.json', async () => {
    const fake = await fakeWith(sampleLibrary());
    expect((await call(fake, 'cmd=get_users')).body).toEqual(tautulliFixture('get_users.json'));
  });

  it('include_activity=1: a live session on top (recorded from FakePMS, whose thumb/guid/date differ)', async () => {
    const library = createFakeLibrary(sampleLibrary());
    library.startSession({ user: 1001, track: 5201, offset: 120, sessionKey: 42, startedAt: 1795236059 });
    const fake = await fakeWith(library);
    const { body } = await call(fake, 'cmd=get_history&include_activity=1&length=2');
    const recorded = tautulliFixture('get_history-include_activity.json');
    const strip = (rows: Json[]) =>
      rows.map((r, i) => (i === 0 ? { ...r, thumb: '', guid: '', originally_available_at: '' } : r));
    const got = body as { response: { data: { data: Json[] } } };
    const want = recorded as unknown as { response: { data: { data: Json[] } } };
    expect({ ...got.response.data, data: strip(got.response.data.data) }).toEqual({
      ...want.response.data,
      data: strip(want.response.data.data),
    });
  });

  it('a play Tautulli wrote itself (row 11: 60 s heard of 562, offset 120 s)', async () => {
    const library = createFakeLibrary(sampleLibrary());
    library.addPlay({ user: 1001, track: 5201, at: 1795236149, played: 60, percent: (120 / 562) * 100 });
    const fake = await fakeWith(library);
    const { body } = await call(fake, 'cmd=get_history&user_id=1001&length=2');
    const got = (body.response as { data: { data: Json[] } }).data;
    const want = tautulliFixture('get_history-row-written-by-tautulli-itself.json').response.data as { data: Json[] };
    const strip = (rows: Json[]) =>
      rows.map((r) => (r.row_id === 11 ? { ...r, thumb: '', guid: '', originally_available_at: '' } : r));
    expect({ ...got, data: strip(got.data) }).toEqual({ ...want, data: strip(want.data) });
  });

  it('a wrong key gets the recorded HTTP 400 body, byte for byte', async () => {
    const fake = await fakeWith(sampleLibrary());
    const response = await fetch(`${fake.url}/api/v2?apikey=wrong&cmd=get_history`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(tautulliFixtureText('error-invalid-apikey.txt').split('\n')[0]);
  });

  it('an unknown command gets the recorded list of commands (before the key is checked, as Tautulli does)', async () => {
    const fake = await fakeWith(sampleLibrary());
    for (const key of [fake.apiKey, 'wrong']) {
      const { status, body } = await call(fake, 'cmd=nope', key);
      expect(status).toBe(400);
      expect(body).toEqual(tautulliFixture('bad_cmd.json'));
    }
  });

  it('a fresh Tautulli with no Plex answers as the empty-* recordings', async () => {
    const fake = await fakeWith({ sections: [] }, { plexConnected: false });
    const pairs: [string, string][] = [
      ['cmd=get_history', 'empty-get_history.json'],
      ['cmd=get_users', 'empty-get_users.json'],
      ['cmd=get_activity', 'empty-get_activity.json'],
      ['cmd=get_server_info', 'empty-get_server_info.json'],
      ['cmd=get_libraries', 'get_libraries.json'],
      ['cmd=arnold', 'empty-arnold.json'],
    ];
    for (const [query, file] of pairs) expect((await call(fake, query)).body, file).toEqual(tautulliFixture(file));
  });
});

describe('whatever it answers has the recorded fields and types', () => {
  async function busyFake() {
    const library = createFakeLibrary(sampleLibrary());
    library.addPlay({ user: 1002, track: 5206, at: 1795000000, percent: 40 });
    library.addPlay({ user: 1001, track: 5207, at: 1795001000, percent: 10 });
    library.startSession({ user: 1002, track: 5204, progress: 70, state: 'paused' });
    library.startSession({ user: 1001, track: 5206, progress: 5 });
    return fakeWith(library);
  }

  it('history rows (finished plays and live sessions)', async () => {
    const fake = await busyFake();
    const { body } = await call(fake, 'cmd=get_history&include_activity=1&length=100');
    const data = (body.response as { data: { data: Json[] } }).data;
    expect(data.data.some((r) => r.row_id === null)).toBe(true);
    const recorded = [
      ...historyRows('get_history-section3.json'),
      ...historyRows('get_history-include_activity.json'),
      ...historyRows('get_history-row-written-by-tautulli-itself.json'),
    ];
    expectShape(data.data, recorded, 'get_history row');
    const { data: _rows, ...envelope } = data;
    const { data: _recordedRows, ...recordedEnvelope } = tautulliFixture('get_history-section3.json').response
      .data as Json;
    expectShape([envelope], [recordedEnvelope], 'get_history data');
  });

  it('activity sessions and their envelope', async () => {
    const fake = await busyFake();
    const { body } = await call(fake, 'cmd=get_activity');
    const data = body.response as { data: Json & { sessions: Json[] } };
    const recorded = tautulliFixture('get_activity-with-fakepms-track.json').response.data as Json & {
      sessions: Json[];
    };
    expect(data.data.sessions).toHaveLength(2);
    expectShape(data.data.sessions, recorded.sessions, 'get_activity session');
    const { sessions: _s, ...envelope } = data.data;
    const { sessions: _r, ...recordedEnvelope } = recorded;
    expectShape([envelope], [recordedEnvelope], 'get_activity data');
  });

  it('users, libraries and server info', async () => {
    const fake = await busyFake();
    const users = (await call(fake, 'cmd=get_users')).body.response as { data: Json[] };
    expectShape(users.data, tautulliFixture('get_users.json').response.data as Json[], 'get_users');
    const libraries = (await call(fake, 'cmd=get_libraries')).body.response as { data: Json[] };
    expectShape(
      libraries.data,
      tautulliFixture('get_libraries-with-fakepms.json').response.data as Json[],
      'get_libraries',
    );
    const info = (await call(fake, 'cmd=get_server_info')).body.response as { data: Json };
    expectShape([info.data], [tautulliFixture('empty-get_server_info.json').response.data as Json], 'get_server_info');
  });

  it('the shape check does fail on a wrong type or a missing field', () => {
    const recorded = historyRows('get_history-section3.json');
    const wrongType = { ...recorded[0], rating_key: '5201' };
    expect(() => expectShape([wrongType], recorded, 'probe')).toThrow(/rating_key/);
    const { guid: _guid, ...missing } = recorded[0] ?? {};
    expect(() => expectShape([missing], recorded, 'probe')).toThrow();
  });
});

describe('deleting plays', () => {
  it('never gives a later play the row id of a deleted one', async () => {
    const library = createFakeLibrary(sampleLibrary());
    const before = library.plays.map((p) => p.id);
    const middle = library.plays[1]!;
    expect(library.removePlay(middle.id)).toBe(middle);
    const added = library.addPlay({ user: 1001, track: 5201, at: 1795236149 });
    expect(added.id).toBe(Math.max(...before) + 1);
    expect(new Set(library.plays.map((p) => p.id)).size).toBe(library.plays.length);
    expect(() => library.removePlay(middle.id)).toThrow(/no play/);

    const fake = await fakeWith(library);
    const { body } = await call(fake, 'cmd=get_history&length=1000');
    const rows = (body.response as { data: { data: Json[] } }).data.data;
    const ids = rows.map((r) => r.row_id);
    expect(ids).not.toContain(middle.id);
    expect(ids).toContain(added.id);
  });
});

describe('filters beyond the recording', () => {
  it('before/after are inclusive server-local days', async () => {
    const library = createFakeLibrary(sampleLibrary());
    library.addPlay({ user: 1001, track: 5201, at: Date.UTC(2026, 5, 1, 23, 30) / 1000 });
    const utc = await fakeWith(library);
    const tokyo = await fakeWith(library, { timeZone: 'Asia/Tokyo' });
    const count = async (fake: FakeTautulli, q: string) =>
      ((await call(fake, `cmd=get_history&${q}`)).body.response as { data: { recordsFiltered: number } }).data
        .recordsFiltered;
    expect(await count(utc, 'after=2026-06-01&before=2026-06-01')).toBe(1);
    expect(await count(tokyo, 'after=2026-06-01&before=2026-06-01')).toBe(0);
    expect(await count(tokyo, 'start_date=2026-06-02')).toBe(1);
  });

  it('order_column=duration sorts by track length, as Tautulli does; unknown columns are ignored', async () => {
    const fake = await fakeWith(sampleLibrary());
    const ids = async (q: string) =>
      ((await call(fake, `cmd=get_history&${q}`)).body.response as { data: { data: Json[] } }).data.data.map(
        (r) => r.rating_key,
      );
    expect((await ids('order_column=duration&order_dir=desc&length=2')).sort()).toEqual([5204, 5204]);
    expect(await ids('order_column=nonsense&length=3')).toEqual([5201, 5202, 5203]);
  });

  it('a non-numeric start is a 500 like Tautulli’s ValueError', async () => {
    const fake = await fakeWith(sampleLibrary());
    const { status, body } = await call(fake, 'cmd=get_history&start=abc');
    expect(status).toBe(500);
    expect(body).toEqual({ response: { result: 'error', message: 'Check the logs for errors', data: {} } });
  });
});
