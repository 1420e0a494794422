import type { OutgoingMessage, Responder, SentMessage } from '@autoalex/discord';
import { type Phase, phaseText, type Subject } from './messages.ts';

export interface ProgressOptions {
  /** Least time between two edits for percent changes (phase changes go out at once). */
  readonly minIntervalMs?: number;
  readonly now?: () => number;
  /** Also told every phase (BullMQ job progress). */
  readonly onPhase?: ((phase: Phase) => void) | undefined;
  readonly logger?: { warn(fields: object, message: string): void } | undefined;
}

export interface ProgressMessage {
  /** The subject gets its title once the track is known. */
  setSubject(subject: Subject): void;
  /** Shows a phase; percent updates within `minIntervalMs` of the last edit are dropped. */
  phase(phase: Phase): void;
  /**
   * The last edit: waits for the ones in flight, then sends this one (errors reach the caller);
   * the message it landed in, when the responder says. Later phases are not shown.
   */
  finish(message: OutgoingMessage): Promise<SentMessage | undefined>;
  /** Waits until every edit sent so far has been answered. */
  flush(): Promise<void>;
}

/**
 * One message, edited as the remix moves on: queued → downloading → separating (percent) → mixing →
 * uploading → the result. Edits go out one after another; a failed progress edit is logged, never
 * fatal (the result edit is).
 */
export function createProgressMessage(
  responder: Responder,
  initial: Subject,
  options: ProgressOptions = {},
): ProgressMessage {
  const now = options.now ?? Date.now;
  const minInterval = options.minIntervalMs ?? 2_000;
  let subject = initial;
  let chain: Promise<void> = Promise.resolve();
  let lastText: string | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastName: Phase['name'] | undefined;
  let finished = false;

  const send = (message: OutgoingMessage): Promise<SentMessage | undefined> => {
    const sent = chain.then(() => responder.editOriginal(message));
    chain = sent.then(
      () => {},
      (err: unknown) => {
        options.logger?.warn({ err }, 'could not edit the remix progress message');
      },
    );
    return sent;
  };

  return {
    setSubject(next) {
      subject = next;
    },
    phase(phase) {
      options.onPhase?.(phase);
      // Nothing may cover the final message (a late percent update of a separation still running).
      if (finished) return;
      const text = phaseText(phase, subject);
      const at = now();
      const sameKind = phase.name === lastName;
      if (text === lastText || (sameKind && at - lastAt < minInterval)) return;
      lastText = text;
      lastAt = at;
      lastName = phase.name;
      void send({ content: text }).catch(() => {});
    },
    async finish(message) {
      finished = true;
      await chain;
      return send(message);
    },
    flush: () => chain,
  };
}
