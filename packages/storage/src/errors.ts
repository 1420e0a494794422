/** Base class of every error this package throws on purpose; `code` is stable, `message` is for people. */
export class StorageError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** The key is not a relative path of `[a-zA-Z0-9._-]` segments (see `keys.ts`). */
export class InvalidKeyError extends StorageError {
  readonly key: string;
  constructor(key: string, reason: string) {
    super(
      'INVALID_KEY',
      `invalid blob key ${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}: ${reason}`,
    );
    this.name = 'InvalidKeyError';
    this.key = key;
  }
}

/** No blob is stored under the key. */
export class BlobNotFoundError extends StorageError {
  readonly key: string;
  constructor(key: string, options?: { cause?: unknown }) {
    super('BLOB_NOT_FOUND', `no blob stored under ${key}`, options);
    this.name = 'BlobNotFoundError';
    this.key = key;
  }
}

/** The body ended before, or ran past, the `contentLength` the caller announced. */
export class ContentLengthMismatchError extends StorageError {
  constructor(key: string, expected: number, actual: string) {
    super('CONTENT_LENGTH_MISMATCH', `blob ${key}: expected ${expected} bytes, got ${actual}`);
    this.name = 'ContentLengthMismatchError';
  }
}

/** A byte range that starts at or past the end of the blob, or is malformed. */
export class InvalidRangeError extends StorageError {
  constructor(key: string, reason: string) {
    super('INVALID_RANGE', `blob ${key}: ${reason}`);
    this.name = 'InvalidRangeError';
  }
}

export function isBlobNotFound(err: unknown): err is BlobNotFoundError {
  return err instanceof BlobNotFoundError;
}
