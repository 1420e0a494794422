import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlexClient } from '@autoalex/plex';
import { type FakePlex, sampleLibrary, startFakePlex } from '@autoalex/plex/testing';
import { createLocalBlobStore } from '@autoalex/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRemixError } from '../src/remix/errors.ts';
import { acquireSource, type SourceDeps } from '../src/sources/acquire.ts';

// A library track as the remix source: metadata through the Plex client's track(), the part download
// and the cover, against the fake Plex.

const AUDIO = Buffer.from('ID3 fake mp3 bytes for the download');
let plex: FakePlex;
let dir: string;
let deps: SourceDeps;

beforeAll(async () => {
  plex = await startFakePlex(sampleLibrary(), { audio: { bytes: AUDIO, container: 'mp3' } });
  dir = await mkdtemp(join(tmpdir(), 'remix-acquire-'));
  deps = {
    plex: createPlexClient({ url: plex.url, token: plex.token, retryBaseMs: 1 }),
    storage: createLocalBlobStore({ root: join(dir, 'blobs'), publicUrl: 'http://localhost:8080' }),
    maxBytes: 1 << 20,
  };
});
afterAll(async () => {
  await plex?.close();
  await rm(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRemixError(err)) throw new Error(`expected a RemixError, got ${String(err)}`);
  return err;
}

describe('acquireSource: a Plex library track', () => {
  it('downloads the part and reads title, artist, album and cover', async () => {
    const workDir = await mkdtemp(join(dir, 'job-'));
    const { file, track } = await acquireSource(deps, { kind: 'plex-track', ratingKey: '5206' }, workDir);
    expect(file.path).toBe(join(workDir, 'source.mp3'));
    expect(await readFile(file.path)).toEqual(AUDIO);
    expect(track).toMatchObject({ title: 'Take Five', artist: 'The Dave Brubeck Quartet', album: 'Jazz Samples' });
    expect(track.cover?.length).toBeGreaterThan(0);
    expect(plex.requests.map((r) => r.path)).toContain('/library/metadata/5206');
  });

  it('says the track is gone for an unknown key and for an item that is not a track', async () => {
    for (const ratingKey of ['999999', '5101']) {
      const err = await refusal(acquireSource(deps, { kind: 'plex-track', ratingKey }, dir));
      expect(err.code, ratingKey).toBe('TRACK_NOT_FOUND');
      expect(err.message).toBe('that track is not in the Plex library any more (deleted or re-added?)');
    }
  });

  it('refuses a file over the download limit before downloading it', async () => {
    const small = { ...deps, maxBytes: 10 };
    const before = plex.requests.length;
    const err = await refusal(acquireSource(small, { kind: 'plex-track', ratingKey: '5201' }, dir));
    expect(err.code).toBe('TOO_LARGE');
    expect(plex.requests.slice(before).some((r) => r.path.startsWith('/library/parts/'))).toBe(false);
  });

  it('names the Plex settings when Plex is off or refuses the token', async () => {
    const off = await refusal(
      acquireSource({ ...deps, plex: undefined }, { kind: 'plex-track', ratingKey: '5201' }, dir),
    );
    expect(off).toMatchObject({ code: 'PLEX_UNAVAILABLE', message: expect.stringContaining('PLEX_URL') });
    const wrong = createPlexClient({ url: plex.url, token: 'wrong-token-1234', retryBaseMs: 1 });
    const refused = await refusal(
      acquireSource({ ...deps, plex: wrong }, { kind: 'plex-track', ratingKey: '5201' }, dir),
    );
    expect(refused).toMatchObject({ code: 'PLEX_UNAVAILABLE', message: expect.stringContaining('PLEX_TOKEN') });
    expect(refused.message).not.toContain('wrong-token-1234');
  });

  it('stops when the job is cancelled during the lookup', async () => {
    const err = await acquireSource(
      deps,
      { kind: 'plex-track', ratingKey: '5201' },
      dir,
      AbortSignal.abort(new Error('cancelled')),
    ).catch((e: unknown) => e);
    expect(err).toEqual(new Error('cancelled'));
  });
});
