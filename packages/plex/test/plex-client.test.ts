import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlexClient, type PlexClient, topRatedUri } from '../src/index.ts';
import { createFakeLibrary, type FakePlex, sampleLibrary, silentWav, startFakePlex } from '../src/testing/index.ts';

// The Plex client against the fake Plex: every method, paging, per-user actions, and the token's
// whereabouts (header only, never in a path or query string).

let fake: FakePlex;
let plex: PlexClient;

beforeEach(async () => {
  fake = await startFakePlex(sampleLibrary());
  plex = createPlexClient({ url: fake.url, token: fake.token, pageSize: 2, retryBaseMs: 1, timeoutMs: 5000 });
});

afterEach(async () => {
  await fake.close();
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('reading the library', () => {
  it('probes /identity without a token', async () => {
    const identity = await plex.identity();
    expect(identity).toEqual({
      machineIdentifier: fake.library.server.machineIdentifier,
      version: fake.library.server.version,
      claimed: true,
    });
    const request = fake.requests.find((r) => r.path === '/identity');
    expect(request?.headers['x-plex-token']).toBeUndefined();
    expect(request?.headers.accept).toBe('application/json');
  });

  it('lists only music sections, with string ids', async () => {
    expect(await plex.sections()).toEqual([
      expect.objectContaining({ id: '3', title: 'Music', type: 'artist', agent: 'tv.plex.agents.music' }),
    ]);
    expect((await plex.allSections()).map((s) => s.type)).toEqual(['movie', 'artist']);
  });

  it('pages artists and albums with X-Plex-Container-Start/Size and reads MusicBrainz ids', async () => {
    const artists = await plex.artists(3);
    expect(artists.map((a) => [a.ratingKey, a.title, a.mbid])).toEqual([
      ['5002', 'John Coltrane', '00000000-0000-4000-8000-000000005002'],
      ['5001', 'Miles Davis', '00000000-0000-4000-8000-000000005001'],
      ['5003', 'Various Artists', undefined],
    ]);
    const pages = fake.requests.filter((r) => r.path === '/library/sections/3/all' && r.query.get('type') === '8');
    expect(pages.map((r) => [r.query.get('X-Plex-Container-Start'), r.query.get('X-Plex-Container-Size')])).toEqual([
      ['0', '2'],
      ['2', '2'],
    ]);
    const albums = await plex.albums('3');
    expect(albums.find((a) => a.ratingKey === '5101')).toMatchObject({
      title: 'Kind of Blue',
      artist: 'Miles Davis',
      artistRatingKey: '5001',
      year: 1959,
      trackCount: 3,
      releaseDate: '1959-08-17',
      mbid: '00000000-0000-4000-8000-000000005101',
    });
  });

  it('pages every track and tells the track artist from the album artist', async () => {
    const tracks = await plex.tracks(3);
    expect(tracks).toHaveLength(7);
    expect(new Set(tracks.map((t) => t.ratingKey)).size).toBe(7);
    expect(fake.requests.filter((r) => r.query.get('type') === '10')).toHaveLength(4);
    const takeFive = tracks.find((t) => t.title === 'Take Five');
    expect(takeFive).toMatchObject({
      artist: 'The Dave Brubeck Quartet',
      trackArtist: 'The Dave Brubeck Quartet',
      albumArtist: 'Various Artists',
      album: 'Jazz Samples',
    });
    const soWhat = tracks.find((t) => t.ratingKey === '5201');
    expect(soWhat).toMatchObject({
      artist: 'Miles Davis',
      trackArtist: undefined,
      albumArtistRatingKey: '5001',
      albumRatingKey: '5101',
      durationMs: 562_000,
      index: 1,
      disc: 1,
      mbid: '00000000-0000-4000-8000-000000005201',
      viewCount: 1,
      sectionId: '3',
    });
    expect(soWhat?.parts[0]?.key).toMatch(/^\/library\/parts\/\d+\/\d+\/file\.wav$/);
  });

  it('streams pages one at a time for large libraries', async () => {
    const sizes: number[] = [];
    for await (const page of plex.trackPages(3, 3)) sizes.push(page.length);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it("lists an artist's tracks (allLeaves) and an album's tracks (children)", async () => {
    expect((await plex.artistTracks('5001')).map((t) => t.title)).toEqual([
      'So What',
      'Freddie Freeloader',
      'Blue in Green',
    ]);
    expect((await plex.albumTracks('5102')).map((t) => [t.index, t.title])).toEqual([
      [1, 'Blue Train'],
      [2, "Moment's Notice"],
    ]);
  });

  it('reads one track by rating key, mapped like the listings', async () => {
    const track = await plex.track('5201');
    expect(track).toEqual((await plex.albumTracks('5101')).find((t) => t.ratingKey === '5201'));
    expect(track).toMatchObject({
      title: 'So What',
      artist: 'Miles Davis',
      album: 'Kind of Blue',
      albumRatingKey: '5101',
      mbid: expect.any(String),
      thumb: expect.stringMatching(/^\/library\/metadata\/5101\/thumb\/\d+$/),
    });
    expect(track.parts[0]?.key).toMatch(/^\/library\/parts\/\d+\/\d+\/file\.\w+$/);
    const request = fake.requests.find((r) => r.path === '/library/metadata/5201');
    expect(request?.query.get('includeGuids')).toBe('1');
    expect(track.trackArtist).toBeUndefined();
    expect(await plex.track('5206')).toMatchObject({
      artist: 'The Dave Brubeck Quartet',
      trackArtist: 'The Dave Brubeck Quartet',
      albumArtist: 'Various Artists',
    });
  });

  it('says not-found for an unknown key and for an item that is not a track', async () => {
    await expect(plex.track('999999')).rejects.toMatchObject({
      name: 'PlexError',
      kind: 'not-found',
      status: 404,
      message: 'Plex GET /library/metadata/999999: no such item (deleted, or re-added under a new rating key)',
    });
    await expect(plex.track('5101')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Plex GET /library/metadata/5101: the item is not a track (its type is album)',
    });
    await expect(plex.track('../sections')).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(fake.requests.filter((r) => r.path.includes('sections'))).toEqual([]);
  });

  it('searches hubs, in every music section or one', async () => {
    const all = await plex.search('blue');
    expect(all.albums.map((a) => a.title).sort()).toEqual(['Blue Train', 'Kind of Blue']);
    expect(all.tracks.map((t) => t.title).sort()).toEqual(['Blue Train', 'Blue in Green']);
    expect((await plex.search('miles', { sectionId: 3 })).artists.map((a) => a.title)).toEqual(['Miles Davis']);
    expect(await plex.search('miles', { sectionId: 99 })).toEqual({ artists: [], albums: [], tracks: [] });
    expect(await plex.search('   ')).toEqual({ artists: [], albums: [], tracks: [] });
  });

  it('lists live sessions with their user and player', async () => {
    expect(await plex.sessions()).toEqual([]);
    fake.library.startSession({ user: 1002, track: 5206, progress: 50 });
    const [session] = await plex.sessions();
    expect(session).toMatchObject({
      ratingKey: '5206',
      type: 'track',
      title: 'Take Five',
      artist: 'The Dave Brubeck Quartet',
      album: 'Jazz Samples',
      user: { id: '1002', title: 'bob_plex' },
      player: { product: 'Plexamp', state: 'playing', local: true },
      viewOffsetMs: 162_000,
      durationMs: 324_000,
      location: 'lan',
      transcoding: false,
    });
  });
});

describe('files and images', () => {
  it('downloads a part as a stream with download=1', async () => {
    const [track] = await plex.albumTracks('5101');
    const part = track?.parts[0];
    if (!part) throw new Error('no part');
    const download = await plex.downloadPart(part.key);
    const bytes = await readAll(download.stream);
    expect(bytes.equals(silentWav())).toBe(true);
    expect(download.contentType).toBe('audio/wav');
    expect(download.contentLength).toBe(bytes.length);
    expect(download.filename).toBe('So What.wav');
    const request = fake.requests.at(-1);
    expect(request?.query.get('download')).toBe('1');
  });

  it('serves the audio bytes a test gives it', async () => {
    const mp3 = Buffer.from('ID3 pretend mp3 bytes');
    const custom = await startFakePlex(sampleLibrary(), { audio: { bytes: mp3 } });
    try {
      const client = createPlexClient({ url: custom.url, token: custom.token });
      const [track] = await client.albumTracks('5102');
      expect(track?.parts[0]?.container).toBe('mp3');
      const download = await client.downloadPart(track?.parts[0]?.key ?? '');
      expect((await readAll(download.stream)).equals(mp3)).toBe(true);
    } finally {
      await custom.close();
    }
  });

  it('refuses part keys that are not Plex part paths', async () => {
    for (const key of ['https://evil.example/library/parts/1/2/file.mp3', '/library/parts/1/2/../../x', '/identity'])
      await expect(plex.downloadPart(key)).rejects.toMatchObject({ name: 'PlexError', kind: 'invalid-argument' });
  });

  it('fetches thumbnails as bytes, resized through the photo transcoder when asked', async () => {
    const [album] = await plex.albums(3);
    const thumb = album?.thumb ?? '';
    const original = await plex.thumbnail(thumb);
    expect(original.subarray(1, 4).toString('ascii')).toBe('PNG');
    await plex.thumbnail(`${fake.url}${thumb}`, { width: 300 });
    const transcode = fake.requests.at(-1);
    expect(transcode?.path).toBe('/photo/:/transcode');
    expect(transcode?.query.get('url')).toBe(thumb);
    expect(transcode?.query.get('width')).toBe('300');
    await expect(plex.thumbnail('https://elsewhere.example/thumb.png')).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
  });
});

describe('acting for users', () => {
  it('rates per user and clears with null', async () => {
    const bob = plex.asUser('bob-plex-token');
    await bob.rate('5201', 8);
    await plex.rate('5201', 4);
    expect(fake.library.rating(1002, '5201')).toBe(8);
    expect(fake.library.rating(1001, '5201')).toBe(4);
    expect((await bob.albumTracks('5101'))[0]?.userRating).toBe(8);
    expect((await plex.albumTracks('5101'))[0]?.userRating).toBe(4);
    await bob.rate('5201', null);
    expect(fake.library.rating(1002, '5201')).toBeUndefined();
    const put = fake.requests.filter((r) => r.path === '/:/rate');
    expect(put.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT']);
    expect(put[2]?.query.get('rating')).toBe('-1');
    expect(put[0]?.query.get('identifier')).toBe('com.plexapp.plugins.library');
    await expect(plex.rate('5201', 11)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('edits and locks an album summary, text arriving intact', async () => {
    const summary = 'Personnel: Miles Davis – trumpet; John Coltrane – tenor sax & more; 100% "modal" + jazz';
    await plex.editAlbumSummary({ sectionId: 3, albumRatingKey: '5101', summary });
    const album = fake.library.item('5101');
    expect(album?.kind === 'album' && album.summary).toBe(summary);
    expect(album?.kind === 'album' && album.summaryLocked).toBe(true);
    const put = fake.requests.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.query.get('type')).toBe('9');
    expect(put?.query.get('summary.locked')).toBe('1');
    expect((await plex.albums(3)).find((a) => a.ratingKey === '5101')?.summary).toBe(summary);
  });

  it('creates a Top Rated smart playlist with the uri encoded twice', async () => {
    const alice = plex.asUser('alice-plex-token');
    await alice.rate('5202', 10);
    await alice.rate('5205', 8);
    await alice.rate('5204', 6);
    const playlist = await alice.createSmartPlaylist({ sectionId: 3, title: 'Top Rated — Alice' });
    expect(playlist).toMatchObject({ title: 'Top Rated — Alice', smart: true, playlistType: 'audio', itemCount: 2 });
    const expectedUri = `server://${fake.library.server.machineIdentifier}/com.plexapp.plugins.library/library/sections/3/all?type=10&sort=track.userRating%3Adesc&track.userRating%3E%3E=8`;
    expect(topRatedUri(fake.library.server.machineIdentifier, '3', 8)).toBe(expectedUri);
    const post = fake.requests.find((r) => r.method === 'POST' && r.path === '/playlists');
    expect(post?.query.get('uri')).toBe(expectedUri);
    expect(post?.query.get('smart')).toBe('1');
    expect(post?.query.get('type')).toBe('audio');
    expect((await alice.playlists()).map((p) => p.title)).toEqual(['Top Rated — Alice']);
    expect(await plex.asUser('bob-plex-token').playlists()).toEqual([]);
  });
});

describe('the token', () => {
  it('travels in the X-Plex-Token header only', async () => {
    await plex.sections();
    await plex.tracks(3);
    await plex.search('so what');
    await plex.rate('5201', 6);
    await plex.createSmartPlaylist({ sectionId: 3, title: 'Top' });
    expect(fake.requests.length).toBeGreaterThan(8);
    for (const request of fake.requests) {
      expect(`${request.path}?${request.query.toString()}`).not.toContain(fake.token);
      if (request.path !== '/identity') expect(request.headers['x-plex-token']).toBe(fake.token);
    }
  });
});

describe('a shared library', () => {
  it('shows deleted items as gone and re-added ones under new rating keys', async () => {
    const library = createFakeLibrary(sampleLibrary());
    const shared = await startFakePlex(library);
    try {
      const client = createPlexClient({ url: shared.url, token: shared.token, retryBaseMs: 1 });
      library.remove('5102');
      expect((await client.albums(3)).map((a) => a.ratingKey)).not.toContain('5102');
      await expect(client.albumTracks('5102')).rejects.toMatchObject({ kind: 'not-found', status: 404 });
      const renamed = library.readd('5102');
      const newAlbumKey = renamed.get('5102');
      expect(newAlbumKey).toBeDefined();
      expect(newAlbumKey).not.toBe('5102');
      await expect(client.track('5204')).rejects.toMatchObject({ kind: 'not-found' });
      expect((await client.track(renamed.get('5204') ?? '')).title).toBe('Blue Train');
      const tracks = await client.albumTracks(newAlbumKey ?? '');
      expect(tracks.map((t) => t.title)).toEqual(['Blue Train', "Moment's Notice"]);
      expect(tracks.map((t) => t.ratingKey)).toEqual([renamed.get('5204'), renamed.get('5205')]);
    } finally {
      await shared.close();
    }
  });
});
