import { Readable } from 'node:stream';
import type { BlobBody, ByteRange, PutOptions } from './blob-store.ts';
import { contentTypeFor, isValidContentType } from './content-type.ts';
import { ContentLengthMismatchError, InvalidRangeError, StorageError } from './errors.ts';

export interface CheckedPutOptions {
  /** The caller's content type, when given. */
  contentType: string | undefined;
  /** What to store: the caller's content type, else one guessed from the key. */
  effectiveContentType: string;
  contentLength: number | undefined;
}

export function checkPutOptions(key: string, body: unknown, options: PutOptions = {}): CheckedPutOptions {
  if (!(body instanceof Uint8Array) && !(body instanceof Readable)) {
    throw new StorageError('INVALID_BODY', `blob ${key}: body must be a Buffer, a Uint8Array or a Readable stream`);
  }
  const { contentType, contentLength } = options;
  if (contentType !== undefined && !isValidContentType(contentType)) {
    throw new StorageError('INVALID_CONTENT_TYPE', `blob ${key}: content type must look like type/subtype`);
  }
  if (contentLength !== undefined && (!Number.isSafeInteger(contentLength) || contentLength < 0)) {
    throw new StorageError('INVALID_CONTENT_LENGTH', `blob ${key}: contentLength must be a whole number of bytes`);
  }
  if (body instanceof Uint8Array && contentLength !== undefined && body.byteLength !== contentLength) {
    throw new ContentLengthMismatchError(key, contentLength, `${body.byteLength}`);
  }
  return { contentType, effectiveContentType: contentType ?? contentTypeFor(key), contentLength };
}

export function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Counts bytes on their way through; `count()` reads the total so far. */
export interface Meter {
  count(): number;
  /** Why the body failed, if it did: the stream's own error, or ours (length, non-byte chunks). */
  failure(): unknown;
}

/**
 * Passes a body's chunks through one at a time (no buffering beyond one chunk), counting them, and
 * fails with ContentLengthMismatchError as soon as the body runs past `contentLength` or ends short.
 */
export function metered(
  key: string,
  body: BlobBody,
  contentLength: number | undefined,
): { chunks: AsyncGenerator<Buffer>; meter: Meter } {
  let total = 0;
  let failure: unknown;
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* pass();
    } catch (err) {
      failure = err;
      throw err;
    }
  }
  async function* pass(): AsyncGenerator<Buffer> {
    const source: AsyncIterable<unknown> = body instanceof Readable ? body : Readable.from([asBuffer(body)]);
    const iterator = source[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = await iterator.next();
        } catch (err) {
          finished = true; // a failed iterator is already closed
          throw err;
        }
        if (next.done) {
          finished = true;
          break;
        }
        const chunk = next.value;
        if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
          throw new StorageError(
            'INVALID_BODY',
            `blob ${key}: the stream must yield bytes (Buffer, Uint8Array or string)`,
          );
        }
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : asBuffer(chunk);
        total += buffer.byteLength;
        if (contentLength !== undefined && total > contentLength) {
          throw new ContentLengthMismatchError(key, contentLength, `more than ${contentLength}`);
        }
        yield buffer;
      }
    } finally {
      // Stopped early (our error, or the consumer gave up): close the source, as for-await would.
      if (!finished) await iterator.return?.();
    }
    if (contentLength !== undefined && total !== contentLength) {
      throw new ContentLengthMismatchError(key, contentLength, `${total}`);
    }
  }
  return { chunks: chunks(), meter: { count: () => total, failure: () => failure } };
}

/** Validates a range's shape; whether it fits the blob is the backend's check. */
export function checkRange(key: string, range: ByteRange | undefined): ByteRange | undefined {
  if (range === undefined) return undefined;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new InvalidRangeError(key, 'range start must be a whole number ≥ 0');
  }
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new InvalidRangeError(key, 'range end must be a whole number ≥ start');
  }
  return range;
}

export function rangeNotSatisfiable(key: string, start: number): InvalidRangeError {
  return new InvalidRangeError(key, `range starts at byte ${start}, at or past the end of the blob`);
}
