import { InvalidKeyError } from './errors.ts';

/** S3's own limit on key length (bytes; keys here are ASCII, so characters). */
export const MAX_KEY_LENGTH = 1024;
/** Kept well under the 255-byte file name limit of local file systems (room for the `~meta` sidecar). */
export const MAX_SEGMENT_LENGTH = 200;

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const PARTIAL_SEGMENT = /^[A-Za-z0-9._-]*$/;

/**
 * Why `key` is not a valid blob key, or null when it is. A key is a relative path of segments made of
 * `[a-zA-Z0-9._-]`, joined by single `/`, without `.` or `..` segments, at most 1024 characters long.
 */
export function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'must be a string';
  if (key.length === 0) return 'must not be empty';
  if (key.length > MAX_KEY_LENGTH) return `must be at most ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'must be relative (no leading /)';
  if (key.endsWith('/')) return 'must not end with /';
  for (const segment of key.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return null;
}

export function isValidKey(key: unknown): key is string {
  return keyProblem(key) === null;
}

/** Returns `key` when it is valid; throws InvalidKeyError with the reason otherwise. */
export function assertKey(key: unknown): string {
  const problem = keyProblem(key);
  if (problem) throw new InvalidKeyError(String(key), problem);
  return key as string;
}

/**
 * A list prefix is '' (everything) or the start of a key: whole valid segments, then optionally the
 * start of one more segment. `songs/` lists a folder; `songs/ab` lists the keys in it that start with `ab`.
 */
export function assertPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string') throw new InvalidKeyError(String(prefix), 'prefix must be a string');
  if (prefix === '') return prefix;
  if (prefix.length > MAX_KEY_LENGTH)
    throw new InvalidKeyError(prefix, `prefix must be at most ${MAX_KEY_LENGTH} characters`);
  if (prefix.startsWith('/')) throw new InvalidKeyError(prefix, 'prefix must be relative (no leading /)');
  const segments = prefix.split('/');
  const partial = segments.pop() ?? '';
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) throw new InvalidKeyError(prefix, `prefix ${problem}`);
  }
  if (!PARTIAL_SEGMENT.test(partial)) throw new InvalidKeyError(prefix, 'prefix may only use a-z A-Z 0-9 . _ - and /');
  return prefix;
}

function segmentProblem(segment: string): string | null {
  if (segment === '') return 'must not contain empty segments (//)';
  if (segment === '.' || segment === '..') return 'must not contain . or .. segments';
  if (segment.length > MAX_SEGMENT_LENGTH) return `segments must be at most ${MAX_SEGMENT_LENGTH} characters`;
  if (!SEGMENT.test(segment)) return 'may only use a-z A-Z 0-9 . _ - and /';
  return null;
}
