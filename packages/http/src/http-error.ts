import type { RequestFailure } from './request-error.ts';
import { UpstreamError } from './upstream-error.ts';

export interface HttpErrorDetails {
  method: string;
  /** The path without its query, secrets redacted. */
  path: string;
  /** The whole URL, secret query values and the transport's secrets redacted. */
  url: string;
  /** What went wrong, for a client's own message: `no answer within 150 ms (after 2 attempts)`. */
  reason: string;
  code?: string | undefined;
  attempts?: number | undefined;
}

/**
 * A request that got no usable answer (timeout, connection, too large, stalled download). Answers
 * with any status are not errors: the transport returns them for the client to judge.
 */
export class HttpError extends UpstreamError<RequestFailure['kind']> {
  override readonly name = 'HttpError';
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly reason: string;

  constructor(kind: RequestFailure['kind'], details: HttpErrorDetails) {
    super(kind, `${details.method} ${details.path}: ${details.reason}`, {
      code: details.code,
      attempts: details.attempts,
    });
    this.method = details.method;
    this.path = details.path;
    this.url = details.url;
    this.reason = details.reason;
  }
}
