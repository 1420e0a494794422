import { describe, expect, it } from 'vitest';
import { createStorage, localStorageDir, type StorageConfig } from './create-storage.ts';

const base: StorageConfig = {
  S3_REGION: 'us-east-1',
  S3_FORCE_PATH_STYLE: true,
  PUBLIC_URL: 'http://localhost:8080',
  DATA_DIR: '/srv/autoalex/data',
};

describe('createStorage', () => {
  it('keeps blobs on local disk under DATA_DIR/blobs when nothing is configured', async () => {
    const store = createStorage(base);
    expect(store.kind).toBe('local');
    expect(localStorageDir(base)).toBe('/srv/autoalex/data/blobs');
    await store.close();
  });

  it('prefers STORAGE_DIR, made absolute', () => {
    expect(localStorageDir({ ...base, STORAGE_DIR: '/mnt/user/blobs' })).toBe('/mnt/user/blobs');
    expect(localStorageDir({ ...base, STORAGE_DIR: 'relative/blobs' })).toBe(`${process.cwd()}/relative/blobs`);
  });

  it('picks S3 when S3_BUCKET is set', async () => {
    const store = createStorage({ ...base, S3_BUCKET: 'songs', S3_ENDPOINT: 'http://127.0.0.1:9' });
    expect(store.kind).toBe('s3');
    await store.close();
  });

  it('refuses half a credential pair without echoing it', () => {
    expect(() => createStorage({ ...base, S3_BUCKET: 'songs', S3_ACCESS_KEY_ID: 'AKIAEXAMPLEKEYID' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_S3_CONFIG',
        message: expect.not.stringContaining('AKIAEXAMPLEKEYID'),
      }),
    );
  });

  it('refuses a multipart part size below S3 minimum', () => {
    expect(() => createStorage({ ...base, S3_BUCKET: 'songs' }, { s3PartSizeBytes: 1024 })).toThrow(/at least 5242880/);
  });
});
