import { isPlexError } from '@autoalex/plex';
import { type FakePlex, sampleLibrary, startFakePlex } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlexTrack } from '../src/plex/find-track.ts';

// The one-track lookup against the fake Plex (protocol-faithful JSON of /library/metadata/{id}).

let plex: FakePlex;
beforeAll(async () => {
  plex = await startFakePlex(sampleLibrary());
});
afterAll(async () => {
  await plex?.close();
});

describe('findPlexTrack', () => {
  it('finds a track with its part, artist, album and cover', async () => {
    const track = await findPlexTrack('5201', { url: plex.url, token: plex.token });
    expect(track).toMatchObject({ ratingKey: '5201', title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue' });
    expect(track?.part.key).toMatch(/^\/library\/parts\/\d+\/\d+\/file\.\w+$/);
    expect(track?.thumb).toMatch(/^\/library\/metadata\/\d+\/thumb\/\d+$/);
    // The token travels in a header, never in the URL.
    const request = plex.requests.at(-1)!;
    expect(request.path).toBe('/library/metadata/5201');
    expect(JSON.stringify(request.query)).not.toContain(plex.token);
  });

  it('says there is no such track for unknown keys and for items that are not tracks', async () => {
    expect(await findPlexTrack('999999', { url: plex.url, token: plex.token })).toBeUndefined();
    expect(await findPlexTrack('5101', { url: plex.url, token: plex.token })).toBeUndefined(); // an album
  });

  it('fails with a PlexError that names the problem but not the token', async () => {
    const err = await findPlexTrack('5201', { url: plex.url, token: 'wrong-token-1234' }).catch((e: unknown) => e);
    expect(isPlexError(err, 'unauthorized')).toBe(true);
    expect((err as Error).message).not.toContain('wrong-token-1234');
    const refused = await findPlexTrack('5201', { url: 'http://127.0.0.1:9', token: plex.token }).catch(
      (e: unknown) => e,
    );
    expect(isPlexError(refused, 'unreachable')).toBe(true);
    await expect(findPlexTrack('../etc', { url: plex.url, token: plex.token })).rejects.toThrow(/digits/);
  });
});
