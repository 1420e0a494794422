/** Replaces the values of secret-looking keys and credentials inside URLs, for logs and alerts. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const value of secrets) if (value.length >= 6) out = out.split(value).join('[redacted]');
  return out
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi, '$1[redacted]@')
    .replace(
      /\b((?:x-plex-token|plex[-_]?token|apikey|api[-_]?key|token|secret|password|authorization)["']?\s*[=:]\s*["']?)(?:Bearer\s+|Bot\s+)?[^\s"'&,;]+/gi,
      '$1[redacted]',
    );
}
