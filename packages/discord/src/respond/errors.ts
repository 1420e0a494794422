export type ResponderFailure =
  /** An initial response was asked of a responder built without the interaction id (a worker's). */
  | 'no-interaction'
  /** A second initial response for the same interaction. */
  | 'already-responded'
  /** A file is larger than the interaction's attachment size limit allows. */
  | 'attachment-too-large'
  /** More files, choices or characters than Discord accepts. */
  | 'invalid-message'
  /** The token is gone and the channel fallback is not possible (no bot token, no channel, no access). */
  | 'cannot-fall-back';

/** A response that cannot be sent as asked; the message says why, for a log or a person. */
export class ResponderError extends Error {
  override readonly name = 'ResponderError';
  readonly reason: ResponderFailure;

  constructor(reason: ResponderFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
