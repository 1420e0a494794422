import {
  createDb,
  type DbClient,
  upsertPlexArtists,
  upsertPlexServer,
  upsertPlexTracks,
  upsertPlexUsers,
} from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artistChoices, fitChoiceText, plexUserChoices, trackChoices } from '../src/index.ts';

let database: TestDatabase;
let client: DbClient;
const deps = () => ({ db: client.db });
const LONG = `The ${'Very '.repeat(40)}Long Band`;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 2 });
  const serverId = await upsertPlexServer(client.db, { machineIdentifier: 'autocomplete-test' });
  const artists = [
    { ratingKey: '1', title: 'Miles Davis' },
    { ratingKey: '2', title: 'Davis Sisters' },
    { ratingKey: '3', title: 'Buddy Miles' },
    { ratingKey: '4', title: LONG },
    { ratingKey: '5', title: '100% Jazz_Band' },
    ...Array.from({ length: 40 }, (_, i) => ({ ratingKey: String(100 + i), title: `Quartet ${i}` })),
  ];
  await upsertPlexArtists(
    client.db,
    serverId,
    artists.map((a) => ({ ...a, sectionId: null })),
  );
  const track = (key: string, title: string, trackArtist: string | null, albumArtist = 'Various Artists') => ({
    ratingKey: key,
    title,
    sectionId: null,
    albumRatingKey: '900',
    albumTitle: 'Jazz Compilation',
    artistRatingKey: '9',
    albumArtist,
    trackArtist,
  });
  await upsertPlexTracks(client.db, serverId, [
    track('1001', 'Milestones', 'Miles Davis'),
    track('1002', 'Take Five', 'Dave Brubeck'),
    track('1003', 'Blue Rondo à la Turk', 'dave brubeck'),
    track('1004', `So What ${'again '.repeat(30)}`, null, 'Miles Davis'),
  ]);
  await upsertPlexUsers(client.db, [
    { plexUserId: 1001, username: 'alice_plex', friendlyName: 'Alice' },
    { plexUserId: 1002, username: 'bob_plex', friendlyName: 'Bob' },
    { plexUserId: 1003, username: 'milesfan', friendlyName: null },
  ]);
});

afterAll(async () => {
  await client?.close();
  await database?.drop();
});

describe('artist choices', () => {
  it('ranks exact, then prefix, then substring matches; Plex artists carry their rating key', async () => {
    expect(await artistChoices(deps(), 'miles davis')).toEqual([{ name: 'Miles Davis', value: 'artist:1' }]);
    expect((await artistChoices(deps(), 'davis')).map((c) => c.name)).toEqual(['Davis Sisters', 'Miles Davis']);
    expect((await artistChoices(deps(), 'Mil')).map((c) => c.name)).toEqual(['Miles Davis', 'Buddy Miles']);
  });

  it('offers names known only as track artists, once, with the name as the value', async () => {
    expect(await artistChoices(deps(), 'brubeck')).toEqual([{ name: 'Dave Brubeck', value: 'Dave Brubeck' }]);
  });

  it('never returns more than 25 choices or names over 100 characters', async () => {
    const all = await artistChoices(deps(), '');
    expect(all).toHaveLength(25);
    const long = await artistChoices(deps(), 'very very');
    expect(long).toHaveLength(1);
    expect([...long[0]!.name]).toHaveLength(100);
    expect(long[0]!.name.endsWith('…')).toBe(true);
    for (const c of [...all, ...long]) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  it('treats LIKE characters in the text literally', async () => {
    expect((await artistChoices(deps(), '100%')).map((c) => c.name)).toEqual(['100% Jazz_Band']);
    expect(await artistChoices(deps(), '%')).toEqual([{ name: '100% Jazz_Band', value: 'artist:5' }]);
    expect(await artistChoices(deps(), 'z_b')).toEqual([{ name: '100% Jazz_Band', value: 'artist:5' }]);
    expect(await artistChoices(deps(), 'zzb')).toEqual([]);
  });
});

describe('track and user choices', () => {
  it('tracks show title, artist and album, and fit Discord', async () => {
    expect(await trackChoices(deps(), 'take')).toEqual([
      { name: 'Take Five — Dave Brubeck (Jazz Compilation)', value: '1002' },
    ]);
    const [long] = await trackChoices(deps(), 'so what');
    expect([...long!.name].length).toBeLessThanOrEqual(100);
    expect(long!.value).toBe('1004');
  });

  it('users by username or friendly name; the value is the Plex user id', async () => {
    expect(await plexUserChoices(deps(), 'ali')).toEqual([{ name: 'Alice (alice_plex)', value: '1001' }]);
    expect(await plexUserChoices(deps(), 'miles')).toEqual([{ name: 'milesfan', value: '1003' }]);
    expect(await plexUserChoices(deps(), '')).toHaveLength(3);
  });
});

describe('fitChoiceText', () => {
  it('cuts by code point, never inside an emoji', () => {
    const text = '🎷'.repeat(150);
    const fitted = fitChoiceText(text);
    expect([...fitted]).toHaveLength(100);
    expect(fitted.endsWith('🎷…')).toBe(true);
  });
});
