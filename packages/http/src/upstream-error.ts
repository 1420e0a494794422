export interface UpstreamErrorDetails {
  /** The HTTP status of the answer that decided the failure, when there was one. */
  status?: number | undefined;
  /** How many attempts were made before giving up. */
  attempts?: number | undefined;
  /** Low-level code such as ECONNREFUSED, never the request itself. */
  code?: string | undefined;
}

/**
 * What every client of an external service throws (PlexError, TautulliError, …): callers branch on
 * `kind`, a union the client defines; the message is for people and logs and never holds a secret.
 */
export class UpstreamError<Kind extends string = string> extends Error {
  readonly kind: Kind;
  readonly status: number | undefined;
  readonly attempts: number | undefined;
  readonly code: string | undefined;

  constructor(kind: Kind, message: string, details: UpstreamErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.status = details.status;
    this.attempts = details.attempts;
    this.code = details.code;
  }
}

/** ` (after 3 attempts)` when it took more than one, for the end of a failure's message. */
export function afterAttempts(attempts: number | undefined): string {
  return attempts !== undefined && attempts > 1 ? ` (after ${attempts} attempts)` : '';
}
