import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RemixError } from '../remix/errors.ts';

export interface SavedFile {
  readonly path: string;
  readonly bytes: number;
  /** sha256 of the bytes, hex: the stem cache key. */
  readonly sha256: string;
}

/**
 * Streams `source` into `path` (a new file), hashing on the way and refusing more than `maxBytes`
 * (RemixError TOO_LARGE). The AbortSignal stops the copy.
 */
export async function saveStream(
  source: NodeJS.ReadableStream,
  path: string,
  options: { maxBytes: number; signal?: AbortSignal | undefined },
): Promise<SavedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        done(new RemixError('TOO_LARGE', `the file is larger than ${megabytes(options.maxBytes)}, the limit here`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }), {
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { path, bytes, sha256: hash.digest('hex') };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
