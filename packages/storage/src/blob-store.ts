import type { Readable } from 'node:stream';

export type BlobBody = Buffer | Uint8Array | Readable;

export interface PutOptions {
  /** Stored with the blob and returned by `stat`; guessed from the key's extension when absent. */
  contentType?: string;
  /** When given, a body that is shorter or longer fails the put (and stores nothing). */
  contentLength?: number;
}

export interface PutResult {
  key: string;
  /** Bytes stored. */
  size: number;
}

export interface BlobStat {
  size: number;
  contentType: string;
  modifiedAt: Date;
}

export interface BlobListing {
  key: string;
  size: number;
  modifiedAt: Date;
}

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`; `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface GetOptions {
  range?: ByteRange;
}

export interface LinkOptions {
  /** How long the link works, 1 second to 7 days (S3's limit for presigned URLs). */
  expiresInSeconds: number;
}

export interface StorageHealth {
  ok: boolean;
  /** One line for /healthz: the backend and, on failure, why. Never contains credentials. */
  detail: string;
}

/**
 * Blob storage for songs, remixes, stems and covers: S3 (or any S3-compatible server) or local disk.
 * Keys are validated by every method (see `keys.ts`); an invalid key throws InvalidKeyError.
 */
export interface BlobStore {
  readonly kind: 's3' | 'local';
  /**
   * Stores `body` under `key`, replacing any blob there. A Readable is streamed (S3: multipart
   * upload for large bodies), never read whole into memory. A failed put leaves no new blob visible
   * and keeps the previous one, if any.
   */
  put(key: string, body: BlobBody, options?: PutOptions): Promise<PutResult>;
  /** Opens the blob for reading; throws BlobNotFoundError when there is none (before returning). */
  get(key: string, options?: GetOptions): Promise<Readable>;
  /** Size, content type and modification time, or null when there is no blob under `key`. */
  stat(key: string): Promise<BlobStat | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every blob whose key starts with `prefix`, in ascending key order. */
  list(prefix?: string): AsyncIterable<BlobListing>;
  /**
   * A URL a Discord user can open in a browser: a presigned GET on S3; on local disk a link to the
   * web service's `/files/<key>` route, signed with HMAC-SHA256 (see `verifyLocalLink`).
   */
  link(key: string, options: LinkOptions): Promise<string>;
  /** For /healthz: can the store be reached (S3: HeadBucket; local: the folder is writable)? */
  health(): Promise<StorageHealth>;
  /** Releases sockets (S3); the store must not be used afterwards. */
  close(): Promise<void>;
}
