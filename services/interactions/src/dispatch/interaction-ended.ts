import type { InteractionJob, JobEnd, Logger } from '@autoalex/contracts';
import type { Responder } from '@autoalex/discord';
import { INTERACTION } from './interaction.ts';
import { restarted } from './messages.ts';

export interface InteractionEndedDeps {
  responderFor(job: InteractionJob, log: Logger): Responder | undefined;
}

/**
 * The `ended` hook of the interactions queue (ADR 0229): an interaction whose service died under it
 * (it stalled out; a handler that threw was answered centrally already) gets one clear sentence
 * instead of "thinking…" for ever — in its deferred response for a command or form, as an
 * ephemeral follow-up for a component (its message stays as it was). Autocomplete needs nothing.
 */
export async function interactionEnded(deps: InteractionEndedDeps, job: InteractionJob, end: JobEnd): Promise<void> {
  if (end.cause !== 'stalled') return;
  const type = job.interaction.type;
  if (type === INTERACTION.autocomplete || type === INTERACTION.ping) return;
  const responder = deps.responderFor(job, end.log);
  if (!responder) return;
  const message = { content: restarted(job.meta.correlationId), ephemeral: true };
  try {
    if (type === INTERACTION.component) await responder.followUp(message);
    else await responder.editOriginal(message);
  } catch (err) {
    // Nothing was shown to edit (the deferral never went out) or the token is gone: nothing more to do.
    end.log.warn({ err }, 'could not tell the user that the interaction was interrupted');
  }
}
