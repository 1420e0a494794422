import { type BlobStore, type CreateStorageOptions, createStorage, type StorageConfig } from '@autoalex/storage';
import type { Integration } from '../integration.ts';

/** Blob storage: S3 when S3_BUCKET is set, else local disk; never off. */
export const storageIntegration: Integration<StorageConfig, never, BlobStore, CreateStorageOptions | undefined> = {
  name: 'storage',
  requires: [],
  without: 'blobs cannot be stored',
  client: (config, options) => createStorage(config, options),
  check: (store) => async () => {
    const result = await store.health();
    return { status: result.ok ? 'ok' : 'down', detail: result.detail };
  },
  close: (store) => store.close(),
};
