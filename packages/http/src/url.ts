import { redact } from '@autoalex/config';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/**
 * Query parameters whose value is a credential whatever it looks like (apikey, X-Plex-Token,
 * access_token, api_key, secret…); a bare `key` is Plex's rating key, not a secret.
 */
const SECRET_PARAM = /token|api[-_]?key|secret|passw|signature|^sig$|^auth/i;

/**
 * A client's configured server address, refused early with the client's own error: `fail` gets
 * `is not a valid URL` or `must start with http:// or https://` to finish its sentence.
 */
export function parseHttpUrl(url: string, fail: (problem: string) => Error): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw fail('must start with http:// or https://');
  return parsed;
}

/**
 * `base` + `path` (which may carry an encoded query) + `query` (encoded here; undefined and null
 * values left out). The path is always taken as a path below `base`, never as another host.
 */
export function joinUrl(base: string, path: string, query: Query = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const joined = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  if (pairs.length === 0) return joined;
  return `${joined}${joined.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

/** The URL as it may appear in a message or log: credentials, secret query values and `secrets` replaced. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  const q = url.indexOf('?');
  const hidden =
    q === -1
      ? url
      : `${url.slice(0, q)}?${url
          .slice(q + 1)
          .split('&')
          .map((pair) => {
            const eq = pair.indexOf('=');
            const name = eq === -1 ? pair : pair.slice(0, eq);
            return eq !== -1 && SECRET_PARAM.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
          })
          .join('&')}`;
  // A secret may also sit encoded in the URL (a token with `/` or `+` in it).
  return redact(hidden, [...secrets, ...secrets.map(encodeURIComponent)]);
}

/** The URL's path without its query or fragment, redacted: what an error message names. */
export function redactedPath(url: string, secrets: readonly string[] = []): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/, '');
  return redactUrl(path || '/', secrets);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
