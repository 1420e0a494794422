import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, createStorage, StorageError, verifyLocalLink } from '../src/index.ts';
import { collect, describeBlobStore, readAll } from './blob-store-contract.ts';
import { type LinkServer, startLinkServer } from './local-link-server.ts';

const secret = randomBytes(32).toString('base64url');

async function localStore(): Promise<{ store: BlobStore; root: string; server: LinkServer }> {
  const root = await mkdtemp(join(tmpdir(), 'autoalex-blobs-'));
  let store: BlobStore | undefined;
  const server = await startLinkServer(secret, () => store!);
  store = createStorage(
    {
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
      STORAGE_DIR: root,
      PUBLIC_URL: server.url,
      DATA_DIR: '/nonexistent',
    },
    { signingSecret: secret },
  );
  return { store, root, server };
}

describeBlobStore('local disk', async () => {
  const { store, root, server } = await localStore();
  return {
    store,
    async persistedWhileUploading(key) {
      const dir = join(root, ...key.split('/').slice(0, -1));
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.startsWith('~tmp-'))) {
        if ((await stat(join(dir, name)).catch(() => null))?.size) return true;
      }
      return false;
    },
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('local disk specifics', () => {
  let store: BlobStore;
  let root: string;
  let server: LinkServer;
  beforeAll(async () => {
    ({ store, root, server } = await localStore());
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('stores blobs as plain files under STORAGE_DIR and leaves no temp files', async () => {
    await store.put('songs/x/one.mp3', Buffer.from('abc'), { contentType: 'audio/x-custom' });
    await expect(store.put('songs/x/two.mp3', Readable.from([Buffer.from('de')]))).resolves.toMatchObject({ size: 2 });
    await store
      .put(
        'songs/x/three.mp3',
        Readable.from(
          (async function* () {
            yield Buffer.from('z');
            throw new Error('boom');
          })(),
        ),
      )
      .catch(() => {});
    const names = (await readdir(join(root, 'songs', 'x'))).sort();
    expect(names).toEqual(['one.mp3', 'one.mp3~meta', 'two.mp3']);
    expect((await stat(join(root, 'songs', 'x', 'one.mp3'))).size).toBe(3);
    expect((await store.stat('songs/x/one.mp3'))?.contentType).toBe('audio/x-custom');
  });

  it('skips helper and foreign files in listings and prunes folders a delete emptied', async () => {
    await store.put('prune/a/b/c.txt', Buffer.from('c'));
    await writeFile(join(root, 'prune', 'a', 'b', '~tmp-leftover'), 'partial');
    await writeFile(join(root, 'prune', 'a', 'has space.txt'), 'foreign');
    expect((await collect(store.list('prune/'))).map((e) => e.key)).toEqual(['prune/a/b/c.txt']);
    await rm(join(root, 'prune', 'a', 'b', '~tmp-leftover'));
    await store.delete('prune/a/b/c.txt');
    expect(await readdir(join(root, 'prune', 'a'))).toEqual(['has space.txt']);
  });

  it('refuses a key that would turn a blob into a folder or back, with a clear error', async () => {
    await store.put('clash/file', Buffer.from('1'));
    await expect(store.put('clash/file/inner', Buffer.from('2'))).rejects.toMatchObject({ code: 'KEY_CONFLICT' });
    await store.put('clash/dir/inner', Buffer.from('3'));
    await expect(store.put('clash/dir', Buffer.from('4'))).rejects.toBeInstanceOf(StorageError);
    expect((await readAll(await store.get('clash/dir/inner'))).toString()).toBe('3');
  });

  it('serves a signed link and refuses a tampered, re-keyed or expired one', async () => {
    await store.put('links/track.flac', Buffer.from('flac bytes'));
    const url = new URL(await store.link('links/track.flac', { expiresInSeconds: 60 }));
    expect(url.pathname).toBe('/files/links/track.flac');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('audio/flac');
    expect(await ok.text()).toBe('flac bytes');

    const tampered = new URL(url);
    const signature = tampered.searchParams.get('signature')!;
    tampered.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
    expect((await fetch(tampered)).status).toBe(403);

    const extended = new URL(url);
    extended.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await fetch(extended)).status).toBe(403);

    const rekeyed = new URL(url);
    rekeyed.pathname = '/files/links/other.flac';
    expect((await fetch(rekeyed)).status).toBe(403);

    const expires = url.searchParams.get('expires');
    const later = (Number(expires) + 1) * 1000;
    expect(verifyLocalLink(secret, 'links/track.flac', expires, signature, later)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyLocalLink(secret, 'links/track.flac', expires, signature, later - 2000)).toEqual({ ok: true });
  });

  it('needs a signing secret for links, and a long enough one', async () => {
    const bare = createStorage({
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
      PUBLIC_URL: server.url,
      DATA_DIR: root,
    });
    await expect(bare.link('a.mp3', { expiresInSeconds: 60 })).rejects.toMatchObject({ code: 'NO_SIGNING_SECRET' });
    expect(() =>
      createStorage(
        { S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true, PUBLIC_URL: server.url, DATA_DIR: root },
        { signingSecret: 'short' },
      ),
    ).toThrow(/at least 16 characters/);
  });

  it('reports an unusable folder as unhealthy instead of throwing', async () => {
    await writeFile(join(root, 'not-a-folder'), 'x');
    const broken = createStorage({
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
      PUBLIC_URL: server.url,
      DATA_DIR: root,
      STORAGE_DIR: join(root, 'not-a-folder', 'blobs'),
    });
    await expect(broken.health()).resolves.toMatchObject({ ok: false, detail: expect.stringMatching(/ENOTDIR/) });
  });
});
