import type { Visibility } from '@autoalex/discord';
import { isEphemeral, type OutgoingMessage, type Responder } from '@autoalex/discord';
import { ABANDONED, type ClaimStore } from '@autoalex/ingress';

// The interactions side of ADR 0002. `handled` is claimed when the job is picked up: if the deadline
// guard already wrote `abandoned`, the user was told Autoalex is busy and the job is dropped. `ack`
// is claimed right before the initial response: if the guard won it, it has deferred, so the same
// answer goes out as an edit of @original (or a follow-up) instead.

export const ACK_VALUE = 'interactions';

export type Pickup = 'take' | 'drop';

/**
 * Claims `handled`. A value other than `abandoned` means another pickup of the same job (a stalled
 * job taken again): it goes on, and the `ack` claim decides who answers first.
 */
export async function claimHandled(
  claims: ClaimStore,
  read: (interactionId: string) => Promise<string | null>,
  interactionId: string,
  value: string,
): Promise<Pickup> {
  if (await claims.claim(interactionId, 'handled', value)) return 'take';
  return (await read(interactionId)) === ABANDONED ? 'drop' : 'take';
}

/** What the guard sent when it won `ack`: type 5 for commands and forms, type 6 for components. */
export type GuardDeferral = { kind: 'message'; visibility: Visibility } | { kind: 'update' } | { kind: 'autocomplete' };

/** Where the initial response stands, for the central error reply. */
export type InitialState =
  /** Nothing sent yet. */
  | 'none'
  /** A "thinking…" message waits to be filled (ours or the guard's). */
  | 'deferred'
  /** The initial response is complete. */
  | 'done';

export interface OwnedResponder extends Responder {
  readonly state: InitialState;
  /** True when the guard had already deferred. */
  readonly guardDeferred: boolean;
}

export interface OwnedResponderOptions {
  claimAck(): Promise<boolean>;
  /** How the guard deferred, had it won (from the interaction type and the command's visibility). */
  guard: GuardDeferral;
  log: { info(fields: object, message: string): void };
}

/** Wraps a responder so that every initial response first claims `ack`, and falls back when it lost. */
export function ownedResponder(inner: Responder, options: OwnedResponderOptions): OwnedResponder {
  const { guard } = options;
  let state: InitialState = 'none';
  let guardDeferred = false;
  /** We wanted ephemeral but the guard's deferral is public: the first edit must replace it. */
  let replaceDeferral = false;

  async function won(what: string): Promise<boolean> {
    if (state !== 'none') return true; // already ours or decided; the inner responder refuses a second one
    if (await options.claimAck()) return true;
    guardDeferred = true;
    options.log.info({ response: what }, 'the deadline guard answered first; sending the answer as an edit instead');
    return false;
  }

  /** The guard's public deferral cannot become ephemeral: delete it and send the answer as a follow-up. */
  async function replaceWithFollowUp(message: OutgoingMessage) {
    await inner.deleteOriginal();
    return inner.followUp({ ...message, ephemeral: true });
  }

  const guardPublic = guard.kind === 'message' && guard.visibility === 'public';

  return {
    kind: inner.kind,
    get state() {
      return state;
    },
    get guardDeferred() {
      return guardDeferred;
    },
    async reply(message) {
      if (await won('reply')) {
        await inner.reply(message);
      } else if (guard.kind === 'update') {
        await inner.followUp(message); // after a deferred update, a reply is a new message
      } else if (isEphemeral(message) && guardPublic) {
        await replaceWithFollowUp(message);
      } else {
        await inner.editOriginal(message);
      }
      state = 'done';
    },
    async defer(deferOptions = {}) {
      if (await won('defer')) await inner.defer(deferOptions);
      else replaceDeferral = deferOptions.ephemeral === true && guardPublic;
      state = 'deferred';
    },
    async update(message) {
      if (await won('update')) await inner.update(message);
      else await inner.editOriginal(message); // the guard's type 6: @original is the component's message
      state = 'done';
    },
    async deferUpdate() {
      if (await won('deferUpdate')) await inner.deferUpdate();
      state = 'done';
    },
    async modal(modal) {
      if (await won('modal')) await inner.modal(modal);
      else {
        // A form cannot follow a deferral.
        await inner.followUp({
          content: 'Discord needed this form within 3 seconds and Autoalex was too slow — please try again.',
          ephemeral: true,
        });
      }
      state = 'done';
    },
    async autocomplete(choices) {
      if (await won('autocomplete')) await inner.autocomplete(choices); // else: the guard sent an empty list
      state = 'done';
    },
    async editOriginal(message) {
      const sent = replaceDeferral ? await replaceWithFollowUp(message) : await inner.editOriginal(message);
      replaceDeferral = false;
      if (state === 'deferred') state = 'done';
      return sent;
    },
    async followUp(message) {
      const sent = replaceDeferral ? await replaceWithFollowUp(message) : await inner.followUp(message);
      replaceDeferral = false;
      if (state === 'deferred') state = 'done'; // the first follow-up fills a deferral
      return sent;
    },
    deleteOriginal: () => inner.deleteOriginal(),
    complete: (outcome) => inner.complete(outcome),
  };
}
