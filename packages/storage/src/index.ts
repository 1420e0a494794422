export type {
  BlobBody,
  BlobListing,
  BlobStat,
  BlobStore,
  ByteRange,
  GetOptions,
  LinkOptions,
  PutOptions,
  PutResult,
  StorageHealth,
} from './blob-store.ts';
export { contentTypeFor, DEFAULT_CONTENT_TYPE } from './content-type.ts';
export {
  type CreateStorageOptions,
  createStorage,
  localStorageDir,
  type StorageConfig,
} from './create-storage.ts';
export {
  BlobNotFoundError,
  ContentLengthMismatchError,
  InvalidKeyError,
  InvalidRangeError,
  isBlobNotFound,
  StorageError,
} from './errors.ts';
export { assertKey, assertPrefix, isValidKey, keyProblem, MAX_KEY_LENGTH, MAX_SEGMENT_LENGTH } from './keys.ts';
export {
  type LinkVerdict,
  LOCAL_LINK_ROUTE,
  localLinkUrl,
  MAX_LINK_SECONDS,
  signLocalLink,
  verifyLocalLink,
} from './local-link.ts';
export { createLocalBlobStore, type LocalBlobStoreOptions } from './local-store.ts';
export { createS3BlobStore, type S3BlobStoreOptions } from './s3-store.ts';
