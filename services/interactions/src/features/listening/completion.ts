import { commandByName, type OptionsOf } from '@autoalex/discord';
import { unknownText } from '@autoalex/listening';
import { type CommandModule, reject } from '../../dispatch/handler.ts';
import { replyWithCard } from './card-reply.ts';
import { completionAnswer } from './completion-view.ts';
import type { ListeningDeps } from './deps.ts';
import * as text from './messages.ts';
import { plexUserOption } from './plex-user-option.ts';

export const data = commandByName('completion').data;

type Module = CommandModule<ListeningDeps, OptionsOf<'completion'>>;

/**
 * /completion artist:<artist> [user:<Plex user>]: how much of an artist's library a Plex user has
 * heard, from Postgres. `user` defaults to the Plex account the invoker linked. Unknown artists
 * and users get a clear ephemeral answer; the result is a PNG card (text on the console).
 */
export const handle: Module['handle'] = async (deps, { options, actor, respond, log }) => {
  let plexUserId: number | undefined;
  if (options.user !== undefined) {
    const user = await plexUserOption(deps.library, options.user);
    if (!user.ok) return reject(respond, user.message);
    plexUserId = user.plexUserId;
  } else if (actor.userId !== undefined) {
    plexUserId = await deps.library.linkedPlexUser(actor.userId);
  }
  if (plexUserId === undefined) return reject(respond, text.notLinked('completion'));

  const result = await deps.library.completion({ artist: options.artist, plexUserId });
  if (result.kind !== 'completion') return reject(respond, unknownText(result));
  await replyWithCard(respond, log, completionAnswer(result), () => deps.cards.completion(result));
  return undefined;
};

/** Artists and Plex users from the library mirror (never Plex itself). */
export const autocomplete: NonNullable<Module['autocomplete']> = async (deps, { focused, respond }) => {
  const choices =
    focused.name === 'user'
      ? await deps.library.plexUserChoices(focused.text)
      : focused.name === 'artist'
        ? await deps.library.artistChoices(focused.text)
        : [];
  await respond.autocomplete(choices);
};
