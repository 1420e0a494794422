import type { Logger, Meta, ReplyTarget } from '@autoalex/contracts';
import type { Responder, Stem } from '@autoalex/discord';
import { type HandlerResult, reject } from '../../dispatch/handler.ts';
import type { Actor } from '../../dispatch/interaction.ts';
import type { RemixDeps } from './deps.ts';
import * as text from './remix-view.ts';

/** A /boost or /reduce whose options the catalogue has validated (stems, ranges, stem xor preset). */
export interface RemixRequest {
  /** The `track` option: a rating key picked from the suggestions, or a typed title. */
  readonly track: string;
  readonly stem: Stem;
  readonly gainDb: number;
  readonly preset?: string | undefined;
}

export interface RemixCommandInput {
  readonly command: 'boost' | 'reduce';
  readonly actor: Actor;
  readonly respond: Responder;
  readonly log: Logger;
  readonly meta: Meta;
  readonly reply: ReplyTarget | undefined;
}

/**
 * The interactions side of a remix: find the track in the library mirror, refuse at once what the
 * remix-worker would refuse (no worker running, the user's limits), answer "queued" publicly and
 * hand the job to the `remix` queue with the reply target. From then on the worker edits that
 * message through its progress to the MP3 and completes the answer.
 */
export async function requestRemix(
  deps: RemixDeps,
  input: RemixCommandInput,
  request: RemixRequest,
): Promise<HandlerResult> {
  const { actor, respond, log } = input;
  if (input.reply === undefined) return reject(respond, text.noReplyTarget(input.command));

  const track = await deps.library.findTrack(request.track);
  if (track.kind === 'not-found') return reject(respond, text.trackNotFound(track.text));
  if (track.kind === 'ambiguous') return reject(respond, text.trackAmbiguous(track.text, track.suggestions));

  const { ok, health } = await deps.readHealth();
  if (ok && (health.services['remix-worker']?.instances ?? 0) === 0) return reject(respond, text.noRemixWorker());
  if (actor.userId !== undefined) {
    const allowance = await deps.remix.allowance(actor.userId);
    if (!allowance.ok) return reject(respond, text.remixLimit(allowance.reason, allowance.limit));
  }

  const view = { stem: request.stem, gainDb: request.gainDb, preset: request.preset, track: track.track };
  // The message exists before the job does, so no edit of the worker's can come before it.
  await respond.reply({ content: text.queuedText(view) });
  try {
    const jobId = await deps.remix.enqueue({
      source: { kind: 'plex-track', ratingKey: track.ratingKey },
      stem: request.stem,
      gainDb: request.gainDb,
      ...(request.preset !== undefined ? { preset: request.preset } : {}),
      reply: input.reply,
      meta: {
        ...input.meta,
        ...(actor.userId !== undefined ? { requestedBy: actor.userId } : {}),
        ...(actor.guildId !== undefined ? { guildId: actor.guildId } : {}),
      },
    });
    log.info({ jobId, ratingKey: track.ratingKey, stem: request.stem, gainDb: request.gainDb }, 'remix queued');
  } catch (err) {
    log.error({ err }, 'could not queue the remix');
    await respond.editOriginal({ content: text.notQueuedText(view, 'the job queue did not answer') });
    return 'rejected';
  }
  return 'handed-off';
}
