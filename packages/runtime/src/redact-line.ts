/**
 * Redacts one serialized JSON log line without breaking its JSON:
 * - known secret values (from the service's configuration), in the form JSON.stringify writes them;
 * - credentials inside URLs (`scheme://user:password@host`); the match never crosses a quote or a
 *   backslash, so it stays inside one JSON string.
 */
export function redactLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const value of secrets) {
    const encoded = JSON.stringify(value).slice(1, -1);
    if (encoded.length >= 6 && out.includes(encoded)) out = out.split(encoded).join('[redacted]');
  }
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@"\\]*:)[^@\s/"\\]+@/gi, '$1[redacted]@');
}
