import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, createStorage, StorageError } from '../src/index.ts';
import { describeBlobStore } from './blob-store-contract.ts';
import { chooseS3TestServer, type S3TestServer, startS3TestServer } from './s3-server.ts';

// STORAGE_TEST_S3=s3rver runs the suite on s3rver even where moto_server is installed.
const choice = await chooseS3TestServer(process.env.STORAGE_TEST_S3);
if (choice.kind === 'none') console.warn(`storage: S3 suite SKIPPED: ${choice.reason}`);

function s3Store(server: S3TestServer, bucket: string, extra: { publicEndpoint?: string } = {}): BlobStore {
  return createStorage(
    {
      S3_BUCKET: bucket,
      S3_ENDPOINT: server.endpoint,
      S3_REGION: server.region,
      S3_ACCESS_KEY_ID: server.accessKeyId,
      S3_SECRET_ACCESS_KEY: server.secretAccessKey,
      S3_FORCE_PATH_STYLE: true,
      PUBLIC_URL: 'http://localhost:8080',
      DATA_DIR: '/nonexistent',
    },
    { s3PublicEndpoint: extra.publicEndpoint, s3PartSizeBytes: 5 * 1024 * 1024 },
  );
}

describe.runIf(choice.kind !== 'none')(`S3 (${choice.kind})`, () => {
  let server: S3TestServer;
  beforeAll(async () => {
    if (choice.kind !== 'none') server = await startS3TestServer(choice.kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeBlobStore('S3', async () => {
    const bucket = `blobs-${randomUUID().slice(0, 8)}`;
    await server.createBucket(bucket);
    const store = s3Store(server, bucket);
    return {
      store,
      persistedWhileUploading: async (key) => (await server.uploadedParts(bucket, key)) > 0,
      unorderedListing: server.name === 's3rver',
      close: () => store.close(),
    };
  });

  describe('S3 specifics', () => {
    let bucket: string;
    let store: BlobStore;
    beforeAll(async () => {
      bucket = `specifics-${randomUUID().slice(0, 8)}`;
      await server.createBucket(bucket);
      store = s3Store(server, bucket);
    });
    afterAll(async () => {
      await store?.close();
    });

    // s3rver has no AbortMultipartUpload (it answers 405), so only moto can show the abort.
    it.skipIf(choice.kind === 's3rver')('aborts the multipart upload of a failed put', async () => {
      async function* body() {
        for (let i = 0; i < 24; i++) yield Buffer.alloc(256 * 1024, i); // 6 MiB: past one 5 MiB part
        throw new Error('producer died');
      }
      await expect(store.put('aborted.bin', Readable.from(body()))).rejects.toThrow('producer died');
      expect(await server.openUploads(bucket, 'aborted.bin')).toBe(0);
      expect(await store.exists('aborted.bin')).toBe(false);
    });

    it('signs links for the public endpoint when it differs from the internal one', async () => {
      const outside = s3Store(server, bucket, { publicEndpoint: 'https://s3.example.org' });
      const url = new URL(await outside.link('songs/a.mp3', { expiresInSeconds: 900 }));
      expect(url.origin).toBe('https://s3.example.org');
      expect(url.pathname).toBe(`/${bucket}/songs/a.mp3`);
      expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
      expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      await outside.close();
    });

    it('reports a missing bucket as unhealthy, and wraps S3 failures in StorageError without credentials', async () => {
      const missing = s3Store(server, `missing-${randomUUID().slice(0, 8)}`);
      const health = await missing.health();
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/missing-/);
      const error = await missing.put('a.txt', Buffer.from('x')).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ code: 'S3_ERROR' });
      expect((error as Error).message).toMatch(/NoSuchBucket/);
      expect((error as Error).message).not.toContain(server.secretAccessKey);
      await expect(missing.get('a.txt')).rejects.toMatchObject({ code: 'S3_ERROR' });
      await missing.close();
    });
  });
});
