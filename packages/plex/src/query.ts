export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/**
 * Appends a query string, percent-encoding every key and value once (spaces as %20, as Plex and
 * python-plexapi expect). Undefined values are left out. Values that must arrive encoded twice (the
 * smart-playlist `uri`) are encoded once by their builder and once more here.
 */
export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  if (parts.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

/** A path segment from an id we did not choose (a rating key from a response or a caller). */
export function segment(id: string | number): string {
  const text = String(id);
  if (text === '' || text === '.' || text === '..') throw new TypeError(`not a usable id: ${JSON.stringify(text)}`);
  return encodeURIComponent(text);
}
