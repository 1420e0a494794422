/**
 * Names of query parameters whose value is a credential, in any URL or path a line mentions: a
 * signed link's `signature`, `token`, `access_token`, `X-Plex-Token`, `apikey`, `client_secret`,
 * `password`, OAuth's `code` and `state` (ADR 0228). A bare `key` is Plex's rating key, not a secret.
 */
const SECRET_PARAM_NAME = String.raw`[\w.%-]*(?:token|signature|secret|passw|api[-_]?key)[\w.%-]*|sig|code|state|auth|authorization`;

/**
 * `?name=value` / `&name=value`, also percent-encoded inside another parameter (`%3Fcode%3D…`). The
 * value stops at the next parameter, a fragment, whitespace, a quote or a backslash: never past
 * the end of its JSON string.
 */
const SECRET_PARAM = new RegExp(String.raw`((?:[?&]|%3F|%26)(?:${SECRET_PARAM_NAME})(?:=|%3D))[^&#\s"'\\]+`, 'gi');

/**
 * Redacts one serialized JSON log line without breaking its JSON:
 * - known secret values (from the service's configuration), in the form JSON.stringify writes them;
 * - credentials inside URLs (`scheme://user:password@host`); the match never crosses a quote or a
 *   backslash, so it stays inside one JSON string;
 * - secret query parameters in any URL or path, whichever field or message holds it (a request's
 *   `url` on any route, fastify's "Route … not found", an upstream error).
 */
export function redactLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const value of secrets) {
    const encoded = JSON.stringify(value).slice(1, -1);
    if (encoded.length >= 6 && out.includes(encoded)) out = out.split(encoded).join('[redacted]');
  }
  return out
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@"\\]*:)[^@\s/"\\]+@/gi, '$1[redacted]@')
    .replace(SECRET_PARAM, '$1[redacted]');
}
