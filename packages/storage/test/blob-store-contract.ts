import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlobNotFoundError,
  type BlobStore,
  ContentLengthMismatchError,
  InvalidKeyError,
  InvalidRangeError,
  StorageError,
} from '../src/index.ts';

export interface ContractHarness {
  store: BlobStore;
  /**
   * True once the backend holds some bytes of the put still in progress under `key` (a stored
   * multipart part on S3, a non-empty temp file on disk). The streaming test waits for it before it
   * lets the body end, so a store that buffers whole bodies fails that test.
   */
  persistedWhileUploading(key: string): Promise<boolean>;
  /**
   * Only for test servers that break S3's promise of ascending key order (s3rver walks its folders):
   * the listing test then checks the set of keys, not their order.
   */
  unorderedListing?: boolean;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Byte equality without vitest's element-by-element diff (slow on large buffers). */
export function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.byteLength).toBe(expected.byteLength);
  expect(actual.equals(expected), 'bytes differ').toBe(true);
}

async function digest(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Polls `check` (a remote state with no event to await) a bounded number of times. */
async function eventually(check: () => Promise<boolean>, failure: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(failure);
}

/** A body of random bytes that fails after `failAfter` bytes. */
function failingBody(failAfter: number, message: string): Readable {
  return Readable.from(
    (async function* () {
      for (let sent = 0; sent < failAfter; sent += 256 * 1024) yield randomBytes(256 * 1024);
      throw new Error(message);
    })(),
  );
}

export const INVALID_KEYS = [
  '',
  '/songs/a.mp3',
  'songs/',
  'songs//a.mp3',
  '..',
  'songs/../secrets',
  './a',
  'a/./b',
  'songs/a b.mp3',
  'songs/ä.mp3',
  'songs\\a.mp3',
  'songs/a?.mp3',
  'a'.repeat(201),
  `${'abcdefgh/'.repeat(114)}x`, // 1027 characters
];

/**
 * The behaviour every BlobStore keeps, run against each backend. `setup` gets a fresh, empty store
 * whose links can be fetched with plain `fetch`.
 */
export function describeBlobStore(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: BlobStore;
    const run = `run-${randomUUID().slice(0, 8)}`;
    const key = (path: string) => `${run}/${path}`;

    beforeAll(async () => {
      harness = await setup();
      store = harness.store;
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('reports itself healthy', async () => {
      const health = await store.health();
      expect(health.ok).toBe(true);
      expect(health.detail).not.toMatch(/secret|testing/i);
    });

    it('round-trips a Buffer and a Uint8Array with their size and content type', async () => {
      const bytes = randomBytes(4096);
      await expect(store.put(key('round/a.bin'), bytes, { contentType: 'audio/flac' })).resolves.toEqual({
        key: key('round/a.bin'),
        size: 4096,
      });
      expectSameBytes(await readAll(await store.get(key('round/a.bin'))), bytes);
      const stat = await store.stat(key('round/a.bin'));
      expect(stat).toMatchObject({ size: 4096, contentType: 'audio/flac' });
      expect(stat?.modifiedAt).toBeInstanceOf(Date);
      expect(Math.abs((stat?.modifiedAt.getTime() ?? 0) - Date.now())).toBeLessThan(24 * 3600 * 1000);

      const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 10, 100);
      await expect(store.put(key('round/view'), view)).resolves.toMatchObject({ size: 100 });
      expectSameBytes(await readAll(await store.get(key('round/view'))), bytes.subarray(10, 110));
    });

    it('guesses the content type from the extension and replaces a blob on a second put', async () => {
      await store.put(key('types/song.mp3'), Buffer.from('first'), { contentType: 'application/x-custom' });
      await store.put(key('types/song.mp3'), Buffer.from('second take'));
      expect(await store.stat(key('types/song.mp3'))).toMatchObject({ size: 11, contentType: 'audio/mpeg' });
      expect((await readAll(await store.get(key('types/song.mp3')))).toString()).toBe('second take');
      await store.put(key('types/blob'), Buffer.from('x'));
      expect((await store.stat(key('types/blob')))?.contentType).toBe('application/octet-stream');
    });

    it('streams a 12 MiB Readable without buffering it, and reads it back intact', async () => {
      const target = key('stream/big.wav');
      const total = 12 * MiB;
      const chunkSize = 256 * 1024;
      const produced = createHash('sha256');
      let waited = false;
      async function* body() {
        for (let sent = 0; sent < total; sent += chunkSize) {
          if (sent === total - MiB) {
            // Hold back the last MiB until the backend has stored some of the first 11.
            await eventually(
              () => harness.persistedWhileUploading(target),
              'nothing reached the backend before the body ended: the store buffers whole bodies',
            );
            waited = true;
          }
          const chunk = randomBytes(chunkSize);
          produced.update(chunk);
          yield chunk;
        }
      }
      await expect(store.put(target, Readable.from(body()), { contentLength: total })).resolves.toEqual({
        key: target,
        size: total,
      });
      expect(waited).toBe(true);
      expect(await digest(await store.get(target))).toEqual({ sha256: produced.digest('hex'), size: total });
      expect(await store.stat(target)).toMatchObject({ size: total, contentType: 'audio/wav' });
    });

    it('leaves no blob behind when the body fails, and keeps the one it would have replaced', async () => {
      await expect(store.put(key('fail/small'), failingBody(MiB, 'producer broke'))).rejects.toThrow('producer broke');
      expect(await store.exists(key('fail/small'))).toBe(false);

      // Past one multipart part on S3: the upload must be aborted, not completed.
      await expect(store.put(key('fail/large'), failingBody(9 * MiB, 'producer broke late'))).rejects.toThrow(
        'producer broke late',
      );
      expect(await store.exists(key('fail/large'))).toBe(false);

      await store.put(key('fail/kept.txt'), Buffer.from('old'));
      await expect(store.put(key('fail/kept.txt'), failingBody(MiB, 'broke again'))).rejects.toThrow('broke again');
      expect((await readAll(await store.get(key('fail/kept.txt')))).toString()).toBe('old');
      expect((await collect(store.list(key('fail/')))).map((entry) => entry.key)).toEqual([key('fail/kept.txt')]);
    });

    it('rejects a body shorter or longer than contentLength and stores nothing', async () => {
      const short = Readable.from([Buffer.from('12345')]);
      await expect(store.put(key('length/short'), short, { contentLength: 6 })).rejects.toBeInstanceOf(
        ContentLengthMismatchError,
      );
      const long = Readable.from([Buffer.from('1234'), Buffer.from('5678')]);
      await expect(store.put(key('length/long'), long, { contentLength: 6 })).rejects.toBeInstanceOf(
        ContentLengthMismatchError,
      );
      await expect(store.put(key('length/buffer'), Buffer.from('abc'), { contentLength: 4 })).rejects.toBeInstanceOf(
        ContentLengthMismatchError,
      );
      await expect(store.put(key('length/bad'), Buffer.from('abc'), { contentLength: -1 })).rejects.toThrow(
        /contentLength/,
      );
      for (const path of ['length/short', 'length/long', 'length/buffer', 'length/bad']) {
        expect(await store.exists(key(path))).toBe(false);
      }
    });

    it('answers stat, exists and delete, and deleting a missing blob is not an error', async () => {
      const target = key('life/cover.png');
      expect(await store.stat(target)).toBeNull();
      expect(await store.exists(target)).toBe(false);
      await store.put(target, Buffer.from('png'));
      expect(await store.exists(target)).toBe(true);
      await store.delete(target);
      expect(await store.exists(target)).toBe(false);
      expect(await store.stat(target)).toBeNull();
      await expect(store.delete(target)).resolves.toBeUndefined();
      // A "folder" is not a blob.
      await store.put(key('life/folder/inner'), Buffer.from('x'));
      expect(await store.stat(key('life/folder'))).toBeNull();
      await expect(store.get(key('life/folder'))).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('throws BlobNotFoundError from get for a missing key', async () => {
      const error = await store.get(key('missing/nothing.mp3')).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(BlobNotFoundError);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ code: 'BLOB_NOT_FOUND', key: key('missing/nothing.mp3') });
    });

    it('reads a byte range and rejects one that starts past the end', async () => {
      await store.put(key('range/digits.txt'), Buffer.from('0123456789'));
      expect(
        (await readAll(await store.get(key('range/digits.txt'), { range: { start: 2, end: 5 } }))).toString(),
      ).toBe('2345');
      expect((await readAll(await store.get(key('range/digits.txt'), { range: { start: 7 } }))).toString()).toBe('789');
      expect(
        (await readAll(await store.get(key('range/digits.txt'), { range: { start: 8, end: 99 } }))).toString(),
      ).toBe('89');
      await expect(store.get(key('range/digits.txt'), { range: { start: 10 } })).rejects.toBeInstanceOf(
        InvalidRangeError,
      );
      await expect(store.get(key('range/digits.txt'), { range: { start: 5, end: 4 } })).rejects.toBeInstanceOf(
        InvalidRangeError,
      );
    });

    it('lists by prefix in ascending key order with sizes', async () => {
      const paths = ['list/b.txt', 'list/a.txt', 'list/b/c.txt', 'list/b-x.txt', 'list/ab.txt', 'list/b0', 'other/z'];
      for (const [index, path] of paths.entries()) await store.put(key(path), Buffer.alloc(index + 1));
      const ordered = (keys: string[]) => (harness.unorderedListing ? [...keys].sort() : keys);
      const listed = await collect(store.list(key('list/')));
      const expected = paths
        .filter((path) => path.startsWith('list/'))
        .map(key)
        .sort();
      expect(ordered(listed.map((entry) => entry.key))).toEqual(expected);
      expect(listed.find((entry) => entry.key === key('list/b/c.txt'))).toMatchObject({ size: 3 });
      expect(listed.every((entry) => entry.modifiedAt instanceof Date)).toBe(true);
      expect(ordered((await collect(store.list(key('list/a')))).map((entry) => entry.key))).toEqual([
        key('list/a.txt'),
        key('list/ab.txt'),
      ]);
      expect((await collect(store.list(key('list/b/')))).map((entry) => entry.key)).toEqual([key('list/b/c.txt')]);
      expect(await collect(store.list(key('nothing-here/')))).toEqual([]);
      const everything = (await collect(store.list())).map((entry) => entry.key);
      expect(everything).toEqual(expect.arrayContaining([...expected, key('other/z')]));
    });

    it('rejects invalid keys in every method with InvalidKeyError', async () => {
      for (const bad of INVALID_KEYS) {
        const calls: Array<() => Promise<unknown>> = [
          () => store.put(bad, Buffer.from('x')),
          () => store.get(bad),
          () => store.stat(bad),
          () => store.exists(bad),
          () => store.delete(bad),
          () => store.link(bad, { expiresInSeconds: 60 }),
        ];
        for (const call of calls) await expect(call(), bad).rejects.toBeInstanceOf(InvalidKeyError);
      }
      for (const bad of ['/a', '../a', 'a//b', 'a/../b', 'a b']) {
        await expect(collect(store.list(bad)), bad).rejects.toBeInstanceOf(InvalidKeyError);
      }
      expect(await collect(store.list(key('list/..')))).toEqual([]); // a partial segment, not a path
    });

    it('makes a link that plain fetch can download, within a bounded lifetime', async () => {
      const bytes = randomBytes(300 * 1024);
      await store.put(key('link/track.mp3'), bytes);
      const url = await store.link(key('link/track.mp3'), { expiresInSeconds: 600 });
      expect(url).toMatch(/^https?:\/\//);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expectSameBytes(Buffer.from(await response.arrayBuffer()), bytes);
      for (const expiresInSeconds of [0, -5, 1.5, 8 * 24 * 3600]) {
        await expect(store.link(key('link/track.mp3'), { expiresInSeconds })).rejects.toThrow(/expiresInSeconds/);
      }
    });
  });
}
