import { UpstreamError, type UpstreamErrorDetails } from '@autoalex/http';

/**
 * Why a Plex call failed. Callers branch on `kind`; the message is for people and logs and never
 * carries the token (it names the method and path only, never the query or headers).
 */
export type PlexErrorKind =
  /** Connection refused, reset, DNS failure: nothing answered. */
  | 'unreachable'
  /** No answer (or no progress on a download) within the configured time. */
  | 'timeout'
  /** 401: the token is wrong, expired, or this user may not do this. */
  | 'unauthorized'
  /** 403: the server owner forbids it (e.g. downloads disabled for shared users). */
  | 'forbidden'
  /** 404: the item, part or section does not exist (deleted or re-added under a new rating key). */
  | 'not-found'
  /** Another 4xx: Plex refused the request as sent. */
  | 'rejected'
  /** 5xx after every retry. */
  | 'server'
  /** The answer was not what Plex sends: not JSON, wrong shape, too large. */
  | 'bad-response'
  /** The caller passed something we refuse to send (a part key from another host, a rating out of range). */
  | 'invalid-argument';

export interface PlexErrorDetails extends UpstreamErrorDetails {
  method?: string | undefined;
  path?: string | undefined;
}

export class PlexError extends UpstreamError<PlexErrorKind> {
  override readonly name = 'PlexError';
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(kind: PlexErrorKind, message: string, details: PlexErrorDetails = {}) {
    super(kind, message, details);
    this.method = details.method;
    this.path = details.path;
  }
}

export function isPlexError(err: unknown, kind?: PlexErrorKind): err is PlexError {
  return err instanceof PlexError && (kind === undefined || err.kind === kind);
}
