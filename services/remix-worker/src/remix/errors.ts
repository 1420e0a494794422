import { CodedError } from '@autoalex/audio';

/** Why a remix cannot be made from this request or this input: retrying would not help. */
export type RemixErrorCode =
  /** The request itself: gain out of range, unknown stem. */
  | 'INVALID_REQUEST'
  /** Plex is not configured, or refused our token. */
  | 'PLEX_UNAVAILABLE'
  | 'TRACK_NOT_FOUND'
  /** An uploaded file is no longer in storage. */
  | 'UPLOAD_MISSING'
  | 'TOO_LARGE'
  | 'NOT_AUDIO'
  | 'CORRUPT'
  | 'TRUNCATED'
  | 'TOO_LONG'
  | 'TOO_SHORT'
  | 'SILENT'
  /** The stem's model is not installed (or is broken). */
  | 'MODEL_MISSING'
  /** Per-user limits: a remix already running, or the day's allowance used. */
  | 'LIMIT_ACTIVE'
  | 'LIMIT_DAILY'
  /** Too large for Discord and no download link can be made. */
  | 'UNDELIVERABLE';

/** An expected failure with a message for the person who asked (no paths, no secrets). */
export class RemixError extends CodedError<RemixErrorCode> {}

export function isRemixError(err: unknown, code?: RemixErrorCode): err is RemixError {
  return err instanceof RemixError && (code === undefined || err.code === code);
}
