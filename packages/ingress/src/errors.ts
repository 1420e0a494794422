/**
 * A loggable summary of a failed Discord call. @discordjs/rest errors carry the request URL, which
 * holds the interaction token: never log the error object itself.
 */
export function describeDiscordError(err: unknown): { status?: number; code?: number | string; detail: string } {
  if (typeof err !== 'object' || err === null) return { detail: String(err) };
  const { status, code, message, name } = err as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    name?: unknown;
  };
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof code === 'number' || typeof code === 'string' ? { code } : {}),
    detail: typeof message === 'string' && message ? message : String(name ?? 'error'),
  };
}
