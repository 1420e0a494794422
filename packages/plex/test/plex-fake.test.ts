import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlexClient } from '../src/index.ts';
import { type FakePlex, plexSpecValidator, sampleLibrary, startFakePlex } from '../src/testing/index.ts';

// The fake Plex itself: its JSON checked against the community OpenAPI schemas (with the two
// documented corrections), XML without `Accept: application/json`, 401s, paging headers, and the
// strictness that lets client tests fail.

let fake: FakePlex;
const json = { Accept: 'application/json' };

beforeAll(async () => {
  fake = await startFakePlex(sampleLibrary());
  fake.library.startSession({ user: 1001, track: 5201, offset: 120 });
  const alice = createPlexClient({ url: fake.url, token: fake.token });
  await alice.rate('5201', 10);
  await alice.createSmartPlaylist({ sectionId: 3, title: 'Top Rated' });
});

afterAll(async () => {
  await fake.close();
});

async function get(path: string, headers: Record<string, string> = { ...json, 'X-Plex-Token': fake.token }) {
  return fetch(`${fake.url}${path}`, { headers });
}

describe('answers match the Plex OpenAPI schemas', () => {
  const spec = plexSpecValidator();
  const paths = [
    '/identity',
    '/library/sections',
    '/library/sections/all',
    '/library/sections/3/all?type=8&includeGuids=1',
    '/library/sections/3/all?type=9&includeGuids=1',
    '/library/sections/3/all?type=10&includeGuids=1&X-Plex-Container-Start=1&X-Plex-Container-Size=3',
    '/library/metadata/5201',
    '/library/metadata/5001/children',
    '/library/metadata/5101/children?includeGuids=1',
    '/library/metadata/5001/allLeaves',
    '/hubs/search?query=blue&limit=5',
    '/hubs/search?query=nothing-matches',
    '/status/sessions',
    '/playlists?playlistType=audio',
    '/playlists/900001/items',
  ];
  for (const path of paths) {
    it(`GET ${path}`, async () => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = await response.json();
      const check = spec.validateResponse('GET', path.split('?')[0] ?? path, body);
      expect(check).toEqual({ valid: true, template: expect.any(String) });
    });
  }

  it('POST /playlists', async () => {
    const uri = encodeURIComponent(
      `server://${fake.library.server.machineIdentifier}/com.plexapp.plugins.library/library/sections/3/all?type=10&sort=track.userRating%3Adesc&track.userRating%3E%3E=6`,
    );
    const response = await fetch(`${fake.url}/playlists?type=audio&title=Six&smart=1&uri=${uri}`, {
      method: 'POST',
      headers: { ...json, 'X-Plex-Token': fake.token },
    });
    expect(response.status).toBe(200);
    expect(spec.validateResponse('POST', '/playlists', await response.json())).toMatchObject({ valid: true });
  });

  it('the validator does catch answers that break the schema', async () => {
    const body = (await (await get('/library/sections/3/all?type=10')).json()) as {
      MediaContainer: { Metadata: Record<string, unknown>[] };
    };
    const broken = structuredClone(body);
    delete broken.MediaContainer.Metadata[0]?.addedAt;
    (broken.MediaContainer.Metadata[1] as Record<string, unknown>).ratingKey = 5204;
    const check = spec.validateResponse('GET', '/library/sections/3/all', broken);
    expect(check.valid).toBe(false);
    expect(check.valid ? [] : check.errors.join('\n')).toMatch(/addedAt/);
    expect(spec.validateResponse('GET', '/identity', { MediaContainer: { claimed: 'yes' } }).valid).toBe(false);
  });

  it('lists its corrections to the spec', () => {
    expect(spec.corrections.join('\n')).toMatch(/mbid/);
    expect(spec.match('GET', '/library/sections')).toBe('/library/sections/all');
    expect(spec.match('GET', '/library/sections/3/all')).toBe('/library/sections/{sectionId}/all');
  });
});

describe('wire behaviour', () => {
  it('answers XML without Accept: application/json', async () => {
    const response = await get('/library/sections/3/all?type=10&X-Plex-Container-Size=1', {
      'X-Plex-Token': fake.token,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<MediaContainer /);
    expect(xml).toMatch(/<Track [^>]*ratingKey="5204"[^>]*type="track"/);
    expect(xml).toMatch(/<Part [^>]*key="\/library\/parts\//);
    expect(xml).toContain('totalSize="7"');
  });

  it('sends paging headers and honours start/size given as headers too', async () => {
    const response = await get('/library/sections/3/all?type=10', {
      ...json,
      'X-Plex-Token': fake.token,
      'X-Plex-Container-Start': '5',
      'X-Plex-Container-Size': '10',
    });
    expect(response.headers.get('x-plex-container-start')).toBe('5');
    expect(response.headers.get('x-plex-container-total-size')).toBe('7');
    const body = (await response.json()) as { MediaContainer: { size: number; offset: number; Metadata: unknown[] } };
    expect(body.MediaContainer).toMatchObject({ size: 2, offset: 5, totalSize: 7 });
  });

  it('refuses unknown tokens (401, Plex HTML page) except on /identity', async () => {
    const denied = await get('/library/sections', { ...json, 'X-Plex-Token': 'nope' });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toBe('text/html');
    expect((await get('/library/sections', json)).status).toBe(401);
    expect((await get('/identity', json)).status).toBe(200);
    // Plex also takes the token as a query parameter; the fake accepts it (the client never sends it so).
    expect((await get(`/library/sections?X-Plex-Token=${fake.token}`, json)).status).toBe(200);
  });

  it('uses the real type numbers 8/9/10 and refuses the spec enum values', async () => {
    expect((await get('/library/sections/3/all?type=10')).status).toBe(200);
    expect((await get('/library/sections/3/all?type=7')).status).toBe(400);
  });

  it('refuses a smart playlist uri that was encoded only once', async () => {
    const inner = `server://${fake.library.server.machineIdentifier}/com.plexapp.plugins.library/library/sections/3/all?type=10&sort=track.userRating:desc&track.userRating>>=8`;
    const once = await fetch(`${fake.url}/playlists?type=audio&title=Bad&smart=1&uri=${encodeURIComponent(inner)}`, {
      method: 'POST',
      headers: { ...json, 'X-Plex-Token': fake.token },
    });
    expect(once.status).toBe(400);
    const unencoded = await fetch(
      `${fake.url}/playlists?type=audio&title=Bad&smart=1&uri=${inner.replace(/:desc/, '%3Adesc').replace('>>', '%3E%3E')}`,
      { method: 'POST', headers: { ...json, 'X-Plex-Token': fake.token } },
    );
    expect(unencoded.status).toBe(400);
  });

  it('validates ratings like Plex', async () => {
    const put = (query: string) =>
      fetch(`${fake.url}/:/rate?${query}`, { method: 'PUT', headers: { 'X-Plex-Token': fake.token } });
    expect((await put('key=5201&identifier=com.plexapp.plugins.library&rating=11')).status).toBe(400);
    expect((await put('key=5201&identifier=other&rating=2')).status).toBe(400);
    expect((await put('key=424242&identifier=com.plexapp.plugins.library&rating=2')).status).toBe(404);
  });

  it('answers 404 for parts that do not exist', async () => {
    expect((await get('/library/parts/1/1/file.flac')).status).toBe(404);
  });
});

describe('the spec example, served verbatim', () => {
  it('the client reads the albums example of the community spec', async () => {
    const excerpt = JSON.parse(
      readFileSync(new URL('../fixtures/plex-openapi-excerpt.json', import.meta.url), 'utf8'),
    ) as {
      paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { example: unknown } } } } } }>;
    };
    const example =
      excerpt.paths['/library/sections/{sectionId}/albums']?.get.responses[200].content['application/json'].example;
    expect(example).toBeDefined();
    const server = await startFakePlex(sampleLibrary());
    server.intercept(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example),
    }));
    try {
      const albums = await createPlexClient({ url: server.url, token: server.token }).albums(3);
      expect(albums).toEqual([
        expect.objectContaining({
          ratingKey: '265',
          title: 'Mandatory Fun',
          artist: '“Weird Al” Yankovic',
          artistRatingKey: '251',
          year: 2014,
          trackCount: 12,
          releaseDate: '2014-07-15',
          sectionId: '3',
        }),
      ]);
    } finally {
      await server.close();
    }
  });
});
