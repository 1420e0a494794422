import { sampleLibrary } from '@autoalex/plex/testing';
import { createTautulliClient } from '@autoalex/tautulli';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usage } from '../src/index.ts';

let fake: FakeTautulli;

beforeAll(async () => {
  fake = await startFakeTautulli(sampleLibrary());
});
afterAll(async () => {
  await fake?.close();
});

const client = () => createTautulliClient({ url: fake.url, apiKey: fake.apiKey, retries: 0, timeoutMs: 2000 });

describe('usage against the fake Tautulli', () => {
  it('nothing playing, then a live track, then no Plex connection, then unreachable', async () => {
    await fake.normal();
    for (const s of [...fake.library.sessions]) fake.library.stopSession(s.sessionKey);
    expect(await usage({ tautulli: client() })).toEqual({ kind: 'nothing-playing' });

    const { sessionKey } = fake.library.startSession({ user: 1001, track: 5201, progress: 21 });
    const live = await usage({ tautulli: client() });
    if (live.kind !== 'activity') throw new Error(live.kind);
    expect(live.streams).toEqual([
      expect.objectContaining({
        user: 'Alice',
        title: 'Miles Davis – So What',
        album: 'Kind of Blue',
        decision: 'direct play',
        state: 'playing',
        progress: 21,
      }),
    ]);
    expect(live.totals.streams).toBe(1);
    fake.library.stopSession(sessionKey);

    fake.setPlexConnected(false);
    expect(await usage({ tautulli: client() })).toEqual({ kind: 'no-plex-connection' });
    fake.setPlexConnected(true);

    await fake.down('refused');
    const down = await usage({ tautulli: client() });
    expect(down.kind).toBe('unreachable');
    expect(JSON.stringify(down)).not.toContain(fake.apiKey);
    await fake.up();
  });

  it('a wrong API key is unreachable too, without the key in the reason', async () => {
    const result = await usage({
      tautulli: createTautulliClient({ url: fake.url, apiKey: 'wrong-key-1234567890', retries: 0 }),
    });
    expect(result.kind).toBe('unreachable');
    expect(JSON.stringify(result)).not.toContain('wrong-key-1234567890');
  });
});
