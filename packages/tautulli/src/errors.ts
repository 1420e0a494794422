import { UpstreamError, type UpstreamErrorDetails } from '@autoalex/http';

/**
 * Why a Tautulli call failed. Callers branch on `kind`; messages name the command only and never
 * contain the API key (it travels in the query string, so no URL is ever put in a message).
 */
export type TautulliErrorKind =
  /** HTTP 400/401 "Invalid apikey" or "Parameter apikey is required". */
  | 'bad-api-key'
  /** Connection refused, reset, DNS failure: nothing answered. */
  | 'unreachable'
  /** No answer within the configured time. */
  | 'timeout'
  /** Tautulli answered `result: "error"` (an unknown command, bad parameters…). */
  | 'command-failed'
  /** 5xx after every retry ("Check the logs for errors"). */
  | 'server'
  /** Not Tautulli's envelope, not JSON, or rows of the wrong shape. */
  | 'bad-response'
  /** The caller passed something we refuse to send. */
  | 'invalid-argument';

export interface TautulliErrorDetails extends UpstreamErrorDetails {
  cmd?: string | undefined;
}

export class TautulliError extends UpstreamError<TautulliErrorKind> {
  override readonly name = 'TautulliError';
  readonly cmd: string | undefined;

  constructor(kind: TautulliErrorKind, message: string, details: TautulliErrorDetails = {}) {
    super(kind, message, details);
    this.cmd = details.cmd;
  }
}

export function isTautulliError(err: unknown, kind?: TautulliErrorKind): err is TautulliError {
  return err instanceof TautulliError && (kind === undefined || err.kind === kind);
}
