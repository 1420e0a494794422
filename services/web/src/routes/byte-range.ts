/** What to send for a request's `Range` header (RFC 9110 §14), for a blob of `size` bytes. */
export type RangeChoice =
  /** No usable Range header (absent, another unit, several ranges, malformed): send the whole blob. */
  | { kind: 'whole' }
  /** A well-formed range that starts past the end: 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** Inclusive byte positions, already clipped to the blob. */
  | { kind: 'part'; start: number; end: number };

const POSITION = /^\d{1,15}$/;

/**
 * Reads one `bytes=first-last`, `bytes=first-` or `bytes=-suffix` range. A server may ignore a Range
 * header it does not take, so anything else, several ranges included, gets the whole blob.
 */
export function chooseRange(header: string | undefined, size: number): RangeChoice {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*([^,]*)$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const spec = match[1]!.trim();
  const dash = spec.indexOf('-');
  if (dash < 0) return { kind: 'whole' };
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();
  if (first === '') {
    // The last `suffix` bytes.
    if (!POSITION.test(last)) return { kind: 'whole' };
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  if (!POSITION.test(first) || (last !== '' && !POSITION.test(last))) return { kind: 'whole' };
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
