import { join, resolve } from 'node:path';
import type { ConfigOf, core, storage } from '@autoalex/config';
import type { BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-store.ts';
import { createS3BlobStore } from './s3-store.ts';

/** The `storage` fragment plus DATA_DIR from `core`, as `loadConfig` returns them. */
export type StorageConfig = ConfigOf<typeof storage> & Pick<ConfigOf<typeof core>, 'DATA_DIR'>;

export interface CreateStorageOptions {
  /**
   * Secret for signing local-disk links (`link()`); the web service verifies them with the same
   * secret. At least 16 characters. Without it, local `link()` throws; S3 links do not need it.
   */
  signingSecret?: string;
  /** S3 only: endpoint users' browsers reach, when it differs from S3_ENDPOINT (see ADR 0030). */
  s3PublicEndpoint?: string;
  /** S3 only: multipart part size in bytes (default 8 MiB, minimum 5 MiB). */
  s3PartSizeBytes?: number;
  /** Clock for local links, in milliseconds (tests). */
  now?: () => number;
}

/** The directory local blobs live in: STORAGE_DIR, else DATA_DIR/blobs (absolute). */
export function localStorageDir(config: Pick<StorageConfig, 'STORAGE_DIR' | 'DATA_DIR'>): string {
  return resolve(config.STORAGE_DIR ?? join(config.DATA_DIR, 'blobs'));
}

/** S3 when S3_BUCKET is set, else plain files under STORAGE_DIR (default DATA_DIR/blobs). */
export function createStorage(config: StorageConfig, options: CreateStorageOptions = {}): BlobStore {
  if (config.S3_BUCKET) {
    return createS3BlobStore({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      publicEndpoint: options.s3PublicEndpoint,
      partSizeBytes: options.s3PartSizeBytes,
    });
  }
  return createLocalBlobStore({
    root: localStorageDir(config),
    publicUrl: config.PUBLIC_URL,
    signingSecret: options.signingSecret,
    now: options.now,
  });
}
