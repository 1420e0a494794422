export type SeparationErrorCode =
  /** A model file for a requested stem is not configured or not on disk. */
  | 'MODEL_MISSING'
  /** ONNX Runtime could not load the file. */
  | 'MODEL_INVALID'
  /** The model's inputs/outputs do not match the HTDemucs contract. */
  | 'MODEL_CONTRACT'
  /** Audio with a wrong rate, no channels, mismatched lengths or non-finite samples. */
  | 'AUDIO_INVALID'
  | 'AUDIO_TOO_SHORT'
  /** The separator process died (a native crash, a kill) or an unexpected fault happened inside it. */
  | 'WORKER_FAILED'
  | 'CLOSED';

/**
 * An expected failure with a `code` to branch on and a message for people (what to do, no secrets).
 * Subclasses name themselves: `name` is the subclass's own name.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An expected separation failure; `code` says which, the message says what to do. */
export class SeparationError extends CodedError<SeparationErrorCode> {}
